# SPDX-License-Identifier: MIT
# The collector's storage, on SQLite and on a real PostgreSQL server.
# collector_pg_start/stop bring a throwaway server up and down around every
# test that asks for the collector_pg fixture; its URI is in the file
# MK_PG_URI_FILE (tests pass that path to the binary, test_cstore_db.h
# makes a fresh database per test from it).
set(MK_PG_DIR ${CMAKE_CURRENT_BINARY_DIR}/pg)
set(MK_PG_URI_FILE ${MK_PG_DIR}/uri)
add_test(NAME collector_pg_start
	COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/pg_server.sh start ${MK_PG_DIR})
set_tests_properties(collector_pg_start PROPERTIES FIXTURES_SETUP collector_pg TIMEOUT 120)
add_test(NAME collector_pg_stop
	COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/pg_server.sh stop ${MK_PG_DIR})
set_tests_properties(collector_pg_stop PROPERTIES FIXTURES_CLEANUP collector_pg TIMEOUT 60)

# Each test runs twice: on SQLite (mk_test) and on the server (_pg).
foreach(t cstore cstore_ingest cstore_owner cstore_plan cstore_undo)
  mk_test(collector_${t} test_${t}.c TIMEOUT 120 LIBS mk_cstore mk_store mk_core
	PkgConfig::SODIUM PkgConfig::SQLITE3 Threads::Threads)
  add_test(NAME collector_${t}_pg COMMAND test_collector_${t} ${MK_PG_URI_FILE}
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(collector_${t}_pg PROPERTIES TIMEOUT 120 FIXTURES_REQUIRED collector_pg)
endforeach()

# Content rollout's store and actions (issue 20): the rollout module and
# the bundle checks too, on both backends.
mk_test(collector_cstore_content test_cstore_content.c TIMEOUT 120 LIBS mk_rollout mk_cstore
	mk_bundle mk_store mk_core PkgConfig::SODIUM PkgConfig::SQLITE3 Threads::Threads)
add_test(NAME collector_cstore_content_pg COMMAND test_collector_cstore_content ${MK_PG_URI_FILE}
	WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_cstore_content_pg PROPERTIES TIMEOUT 120
	FIXTURES_REQUIRED collector_pg)

# Software packages' store and actions (issue 20, software updates): the
# same rollout module with the package kind, on both backends.
mk_test(collector_cstore_software test_cstore_software.c TIMEOUT 120 LIBS mk_rollout mk_cstore
	mk_bundle mk_store mk_core PkgConfig::SODIUM PkgConfig::SQLITE3 Threads::Threads)
add_test(NAME collector_cstore_software_pg COMMAND test_collector_cstore_software
	${MK_PG_URI_FILE} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_cstore_software_pg PROPERTIES TIMEOUT 120
	FIXTURES_REQUIRED collector_pg)
