/* SPDX-License-Identifier: MIT */
/*
 * notify_sink SOCKET: listens where systemd would (NOTIFY_SOCKET) and prints
 * every sd_notify message it gets, one line per message with the sender's
 * pid and the milliseconds since it started: "MS PID READY=1". The session
 * test reads READY=1 and WATCHDOG=1 from it. Ends on SIGTERM.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, one = 1;
	long long t0 = ms();
	if (argc != 2 || strlen(argv[1]) >= sizeof sa.sun_path)
		return fprintf(stderr, "usage: notify_sink SOCKET\n"), 2;
	strcpy(sa.sun_path, argv[1]);
	unlink(argv[1]);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one) != 0)
		return perror("notify_sink"), 1;
	chmod(argv[1], 0666); /* the kiosk runs as another user */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		char buf[4096], ctl[CMSG_SPACE(sizeof(struct ucred))];
		struct iovec iov = { buf, sizeof buf - 1 };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
				     .msg_controllen = sizeof ctl };
		ssize_t n = recvmsg(fd, &mh, 0);
		int pid = 0;
		if (n < 0)
			continue;
		buf[n] = 0;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
				pid = ((struct ucred *)CMSG_DATA(c))->pid;
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
			printf("%lld %d %s\n", ms() - t0, pid, line);
	}
}
