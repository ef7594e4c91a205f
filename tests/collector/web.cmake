# SPDX-License-Identifier: MIT
# The clinicians' dashboard: test_web drives web_handle over real HTTP with
# real sealed records, on SQLite and on the test PostgreSQL server
# (cstore.cmake); collector_browser signs in, acknowledges an alert and opens
# a chart in headless Chromium against the real mesokiosk-collector.
mk_test(collector_web "test_web.c;${MK_SOURCE_DIR}/src/collector/collector.c" TIMEOUT 180
	LIBS mk_web mk_api mk_cstore mk_chttp mk_store mk_photo mk_core PkgConfig::CURL
	PkgConfig::JANSSON PkgConfig::SODIUM Threads::Threads)
add_test(NAME collector_web_pg COMMAND test_collector_web ${CMAKE_CURRENT_BINARY_DIR}/pg/uri
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_web_pg PROPERTIES TIMEOUT 180 FIXTURES_REQUIRED collector_pg)

# The browser test: the real collector, records sent through the real API by
# web_seed, and dashboard.js in Debian's headless Chromium (playwright-core
# from npm into the build folder), then content.js (content rollout, with
# the real kiosk binary checking and previewing). Screenshots land in
# browser/.
add_executable(web_seed ${CMAKE_CURRENT_SOURCE_DIR}/browser/seed.c)
target_include_directories(web_seed PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(web_seed PRIVATE mk_store mk_photo mk_core PkgConfig::CURL
	PkgConfig::JANSSON PkgConfig::SODIUM)
add_test(NAME collector_browser
	COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/browser/run.sh $<TARGET_FILE:mesokiosk-collector>
	$<TARGET_FILE:web_seed> ${CMAKE_CURRENT_BINARY_DIR}/browser $<TARGET_FILE:mesokiosk>)
set_tests_properties(collector_browser PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)

# Guessing passwords: waits that grow, per account and per address apart,
# kept in the database (two collectors on one database, and a restart).
mk_test(collector_signin "test_signin.c;${MK_SOURCE_DIR}/src/collector/collector.c" TIMEOUT 180
	LIBS mk_web mk_api mk_cstore mk_chttp mk_store mk_core PkgConfig::CURL PkgConfig::JANSSON
	PkgConfig::SODIUM Threads::Threads)
target_link_options(test_collector_signin PRIVATE -Wl,--wrap=mkc_secret_hash)
add_test(NAME collector_signin_pg COMMAND test_collector_signin ${CMAKE_CURRENT_BINARY_DIR}/pg/uri
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_signin_pg PROPERTIES TIMEOUT 180 FIXTURES_REQUIRED collector_pg)

# The whole clinic's download from the dashboard streams: the real collector
# with a clinic made up by bench_clinic; its peak memory barely moves for a
# download many times larger, and downloads at once are bounded.
add_test(NAME collector_download COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/download.sh
	$<TARGET_FILE:mesokiosk-collector> $<TARGET_FILE:bench_clinic>)
add_test(NAME collector_download_pg COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/download.sh
	$<TARGET_FILE:mesokiosk-collector> $<TARGET_FILE:bench_clinic> ${MK_PG_URI_FILE})
set_tests_properties(collector_download collector_download_pg PROPERTIES TIMEOUT 300)
set_tests_properties(collector_download_pg PROPERTIES FIXTURES_REQUIRED collector_pg)

# The Content page's upload reader: multipart/form-data, strictly.
mk_test(collector_multipart test_multipart.c LIBS mk_chttp mk_core)

# The Content page (issue 20): publisher-only forms, four eyes, CSRF on
# multipart uploads, preview pictures by safe names only, folder uploads
# that try to climb out, rollout and rollback, screenshots; vet replaced by
# test_web_content_fake_vet.h. On SQLite and PostgreSQL.
mk_test(collector_web_content "test_web_content.c;${MK_SOURCE_DIR}/src/collector/collector.c"
	TIMEOUT 180 LIBS mk_web mk_api mk_rollout mk_cstore mk_chttp mk_bundle mk_crypto mk_core
	PkgConfig::CURL PkgConfig::JANSSON Threads::Threads)
add_test(NAME collector_web_content_pg COMMAND test_collector_web_content
	${CMAKE_CURRENT_BINARY_DIR}/pg/uri WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_web_content_pg PROPERTIES TIMEOUT 180
	FIXTURES_REQUIRED collector_pg)
