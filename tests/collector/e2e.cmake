# SPDX-License-Identifier: MIT
# End to end: the real kiosk and the real collector on loopback, with faults,
# against SQLite and against the test PostgreSQL server (cstore.cmake).
add_executable(e2e_check ${CMAKE_CURRENT_SOURCE_DIR}/e2e_check.c)
target_link_libraries(e2e_check PRIVATE mk_cstore mk_store mk_core PkgConfig::SQLITE3)
set(E2E_ARGS ${CMAKE_CURRENT_SOURCE_DIR}/e2e.sh $<TARGET_FILE:mesokiosk-collector>
	$<TARGET_FILE:mesokiosk> $<TARGET_FILE:e2e_check> ${MK_SOURCE_DIR}/assets/content)
add_test(NAME collector_e2e COMMAND ${E2E_ARGS})
set_tests_properties(collector_e2e PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
add_test(NAME collector_e2e_pg COMMAND ${E2E_ARGS} ${MK_PG_URI_FILE})
set_tests_properties(collector_e2e_pg PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE
	FIXTURES_REQUIRED collector_pg)

# Content rollout end to end (issue 20): publish, check and preview, four
# eyes, rollout to one of two kiosks, its screen and heartbeat, rollback.
set(ROLLOUT_E2E_ARGS ${CMAKE_CURRENT_SOURCE_DIR}/rollout_e2e.sh $<TARGET_FILE:mesokiosk-collector>
	$<TARGET_FILE:mesokiosk> ${MK_SOURCE_DIR}/assets/content)
add_test(NAME collector_rollout_e2e COMMAND ${ROLLOUT_E2E_ARGS})
set_tests_properties(collector_rollout_e2e PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
add_test(NAME collector_rollout_e2e_pg COMMAND ${ROLLOUT_E2E_ARGS} ${MK_PG_URI_FILE})
set_tests_properties(collector_rollout_e2e_pg PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE
	FIXTURES_REQUIRED collector_pg)

# Software updates end to end (issue 20): a package published, approved by
# a second publisher, rolled out to one of two kiosks, installed by the
# root helper with the real dpkg in a scratch root; then one that never
# starts, put back by the helper by itself.
set(SOFTWARE_E2E_ARGS ${CMAKE_CURRENT_SOURCE_DIR}/software_e2e.sh $<TARGET_FILE:mesokiosk-collector>
	$<TARGET_FILE:mesokiosk> $<TARGET_FILE:mesokiosk-update>)
add_test(NAME collector_software_e2e COMMAND ${SOFTWARE_E2E_ARGS})
set_tests_properties(collector_software_e2e PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE SKIP_RETURN_CODE 77)
add_test(NAME collector_software_e2e_pg COMMAND ${SOFTWARE_E2E_ARGS} ${MK_PG_URI_FILE})
set_tests_properties(collector_software_e2e_pg PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE SKIP_RETURN_CODE 77
	FIXTURES_REQUIRED collector_pg)

# For scripts/bench: 20 kiosks at once, a week's backlog drained, and a
# clinic of 10,000 patients made up straight in the database.
add_executable(bench_ingest ${CMAKE_CURRENT_SOURCE_DIR}/bench_ingest.c)
target_link_libraries(bench_ingest PRIVATE mk_store mk_core PkgConfig::CURL PkgConfig::SODIUM
	Threads::Threads)
add_executable(bench_clinic ${CMAKE_CURRENT_SOURCE_DIR}/bench_clinic.c)
target_link_libraries(bench_clinic PRIVATE mk_cstore mk_store mk_core PkgConfig::SODIUM)
add_executable(bench_drain ${CMAKE_CURRENT_SOURCE_DIR}/bench_drain.c)
target_link_libraries(bench_drain PRIVATE mk_sync mk_store mk_core)
# And the FHIR export of reports with many answer keys.
add_executable(bench_export ${CMAKE_CURRENT_SOURCE_DIR}/bench_export.c)
target_link_libraries(bench_export PRIVATE mk_export mk_cstore mk_store mk_core PkgConfig::SODIUM)

# Two collectors on one PostgreSQL, one killed while kiosks send (multi.sh).
add_executable(multi_kiosk ${CMAKE_CURRENT_SOURCE_DIR}/multi_kiosk.c)
target_link_libraries(multi_kiosk PRIVATE mk_store mk_core PkgConfig::CURL PkgConfig::SODIUM
	Threads::Threads)
add_test(NAME collector_multi_pg COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/multi.sh
	$<TARGET_FILE:mesokiosk-collector> $<TARGET_FILE:multi_kiosk> ${MK_PG_URI_FILE})
set_tests_properties(collector_multi_pg PROPERTIES TIMEOUT 300 FIXTURES_REQUIRED collector_pg)
