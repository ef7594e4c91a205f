/* SPDX-License-Identifier: MIT */
/*
 * fake_collector PORT_FILE: a stand-in for the clinic's collector that
 * cannot read any batch of records (400), so the kiosk sets each item
 * aside for staff, as a real collector's refusal would; every other
 * request (the heartbeat) gets 200 {"ok": true}. It listens on 127.0.0.1
 * at a port of the system's choosing, writes the port to PORT_FILE, and
 * answers one request per connection until it is killed. Driver scripts use it to show
 * staff's set-aside list with every kind of item in it (run_drive.sh,
 * "# drive: collector-refuses").
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define REQ_MAX (1 << 20)

static long content_length(const char *head, const char *end)
{
	for (const char *h = head; h && h < end;) {
		if (!strncasecmp(h, "Content-Length:", 15))
			return strtol(h + 15, NULL, 10);
		if ((h = strstr(h, "\r\n")) != NULL)
			h += 2;
	}
	return 0;
}

/* Reads one request (headers and a Content-Length body) into buf; its
 * length, or -1. */
static ssize_t read_request(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	char *end = NULL;
	long body = 0;
	while (n < cap - 1) {
		ssize_t k = recv(fd, buf + n, cap - 1 - n, 0);
		if (k <= 0)
			return -1;
		n += (size_t)k;
		buf[n] = 0;
		if (!end && (end = strstr(buf, "\r\n\r\n")) != NULL)
			body = content_length(buf, end);
		if (end && n >= (size_t)(end + 4 - buf) + (size_t)body)
			return (ssize_t)n;
	}
	return -1;
}

static void answer(int fd, const char *req)
{
	char out[300];
	int refuse = !strncmp(req, "POST /api/v1/records ", 21);
	const char *body = refuse ? "{\"error\": \"not a batch\"}" : "{\"ok\": true}";
	int n = snprintf(out, sizeof out, "HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
			 refuse ? "400 Bad Request" : "200 OK", strlen(body), body);
	if (send(fd, out, (size_t)n, MSG_NOSIGNAL) != n)
		perror("fake_collector: send");
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	char *buf = malloc(REQ_MAX);
	FILE *f;
	if (argc != 2 || s < 0 || !buf)
		return fprintf(stderr, "usage: fake_collector PORT_FILE\n"), 2;
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 16) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) != 0 || !(f = fopen(argv[1], "w")))
		return perror("fake_collector"), 1;
	fprintf(f, "%d\n", ntohs(a.sin_port));
	fclose(f);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		if (read_request(c, buf, REQ_MAX) > 0)
			answer(c, buf);
		close(c);
	}
}
