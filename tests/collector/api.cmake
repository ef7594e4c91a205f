# SPDX-License-Identifier: MIT
# The kiosk API over real HTTP (a server in the test process, libcurl as the
# kiosk), on SQLite and on the test PostgreSQL server (cstore.cmake's
# collector_pg fixture); and the command line (cli.sh).
foreach(t api api_more gate api_gone api_owner)
  mk_test(collector_${t} "test_${t}.c;${MK_SOURCE_DIR}/src/collector/collector.c" TIMEOUT 180
	LIBS mk_api mk_web mk_cstore mk_chttp mk_store mk_core PkgConfig::CURL PkgConfig::JANSSON
	PkgConfig::SODIUM Threads::Threads)
  add_test(NAME collector_${t}_pg COMMAND test_collector_${t} ${MK_PG_URI_FILE}
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(collector_${t}_pg PROPERTIES TIMEOUT 180 FIXTURES_REQUIRED collector_pg)
endforeach()

add_test(NAME collector_cli COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli.sh
	$<TARGET_FILE:mesokiosk-collector>)
set_tests_properties(collector_cli PROPERTIES TIMEOUT 120)

# Content rollout over the API (issue 20): offers, downloads, screenshots.
mk_test(collector_api_content
	"test_api_content.c;${MK_SOURCE_DIR}/src/collector/collector.c" TIMEOUT 180
	LIBS mk_api mk_web mk_rollout mk_cstore mk_chttp mk_bundle mk_store mk_core PkgConfig::CURL
	PkgConfig::JANSSON PkgConfig::SODIUM Threads::Threads)
add_test(NAME collector_api_content_pg COMMAND test_collector_api_content ${MK_PG_URI_FILE}
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_api_content_pg PROPERTIES TIMEOUT 180
	FIXTURES_REQUIRED collector_pg)

# Content rollout from the command line, with the kiosk's own bundle tools.
add_test(NAME collector_content_cli COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/content_cli.sh
	$<TARGET_FILE:mesokiosk-collector> $<TARGET_FILE:mesokiosk>)
set_tests_properties(collector_content_cli PROPERTIES TIMEOUT 120)

# Software updates over the API (issue 20): the heartbeat's software part,
# package offers, package downloads.
mk_test(collector_api_software
	"test_api_software.c;${MK_SOURCE_DIR}/src/collector/collector.c" TIMEOUT 180
	LIBS mk_api mk_web mk_rollout mk_cstore mk_chttp mk_bundle mk_store mk_core PkgConfig::CURL
	PkgConfig::JANSSON PkgConfig::SODIUM Threads::Threads)
add_test(NAME collector_api_software_pg COMMAND test_collector_api_software ${MK_PG_URI_FILE}
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_api_software_pg PROPERTIES TIMEOUT 180
	FIXTURES_REQUIRED collector_pg)

# Software packages from the command line, with the kiosk's own bundle tools.
add_test(NAME collector_software_cli COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/software_cli.sh
	$<TARGET_FILE:mesokiosk-collector> $<TARGET_FILE:mesokiosk>)
set_tests_properties(collector_software_cli PROPERTIES TIMEOUT 120)
