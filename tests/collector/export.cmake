# SPDX-License-Identifier: MIT
# Exports (FHIR R4 and CSV) from real encrypted kiosk records, with the
# collector on SQLite and on the test PostgreSQL server (cstore.cmake's
# collector_pg fixture). The FHIR test also writes its bundles (and a few
# broken on purpose) to export-bundles[-pg]/, which validate.js checks
# against the official FHIR R4 JSON schema from npm: collector_fhir_npm
# installs the validator once per run (tests/collector/fhir/package.json,
# pinned by its lock file) into ${CMAKE_BINARY_DIR}/npm-fhir.
set(EXPORT_BUNDLES ${CMAKE_CURRENT_BINARY_DIR}/export-bundles)
set(EXPORT_LIBS mk_export mk_cstore mk_store mk_core PkgConfig::SQLITE3 PkgConfig::JANSSON
	PkgConfig::SODIUM)
mk_test(collector_export "test_export.c;test_export_fixture.c" LIBS ${EXPORT_LIBS}
	ARGS ${EXPORT_BUNDLES})
mk_test(collector_export_csv "test_export_csv.c;test_export_fixture.c" LIBS ${EXPORT_LIBS})
mk_test(collector_export_skip "test_export_skip.c;test_export_fixture.c" LIBS ${EXPORT_LIBS}
	ARGS ${EXPORT_BUNDLES}-skip)
add_test(NAME collector_export_pg COMMAND test_collector_export ${EXPORT_BUNDLES}-pg
	${MK_PG_URI_FILE})
add_test(NAME collector_export_csv_pg COMMAND test_collector_export_csv ${MK_PG_URI_FILE})
add_test(NAME collector_export_skip_pg COMMAND test_collector_export_skip "" ${MK_PG_URI_FILE})
set_tests_properties(collector_export collector_export_pg collector_export_csv
  collector_export_csv_pg collector_export_skip collector_export_skip_pg PROPERTIES TIMEOUT 120
  WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(collector_export_pg collector_export_csv_pg collector_export_skip_pg
  PROPERTIES FIXTURES_REQUIRED collector_pg)
set_tests_properties(collector_export PROPERTIES FIXTURES_SETUP collector_export_bundles)

# Exporting the whole clinic streams: what it holds at once stays well
# under the size of what it writes.
mk_test(collector_export_stream test_export_stream.c LIBS ${EXPORT_LIBS})
add_test(NAME collector_export_stream_pg COMMAND test_collector_export_stream ${MK_PG_URI_FILE})
set_tests_properties(collector_export_stream collector_export_stream_pg PROPERTIES TIMEOUT 300)
set_tests_properties(collector_export_stream_pg PROPERTIES FIXTURES_REQUIRED collector_pg)
set_tests_properties(collector_export_pg PROPERTIES FIXTURES_SETUP collector_export_bundles_pg)
set_tests_properties(collector_export_skip PROPERTIES FIXTURES_SETUP collector_export_bundles_skip)

find_program(MK_NODE node)
find_program(MK_NPM npm)
if(MK_NODE AND MK_NPM)
  set(NPM_FHIR ${CMAKE_BINARY_DIR}/npm-fhir)
  configure_file(${CMAKE_CURRENT_SOURCE_DIR}/fhir/package.json ${NPM_FHIR}/package.json COPYONLY)
  configure_file(${CMAKE_CURRENT_SOURCE_DIR}/fhir/package-lock.json ${NPM_FHIR}/package-lock.json
    COPYONLY)
  add_test(NAME collector_fhir_npm COMMAND ${MK_NPM} ci --prefix ${NPM_FHIR} --no-audit --no-fund
    --loglevel=error)
  set_tests_properties(collector_fhir_npm PROPERTIES FIXTURES_SETUP collector_fhir_npm TIMEOUT 300)

  set(VALIDATE ${MK_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/fhir/validate.js --modules ${NPM_FHIR})
  add_test(NAME collector_fhir_valid COMMAND ${VALIDATE}
    ${EXPORT_BUNDLES}/all.json ${EXPORT_BUNDLES}/patient.json ${EXPORT_BUNDLES}/range.json
    ${EXPORT_BUNDLES}/empty.json)
  add_test(NAME collector_fhir_valid_pg COMMAND ${VALIDATE}
    ${EXPORT_BUNDLES}-pg/all.json ${EXPORT_BUNDLES}-pg/patient.json
    ${EXPORT_BUNDLES}-pg/range.json)
  add_test(NAME collector_fhir_valid_skip COMMAND ${VALIDATE} ${EXPORT_BUNDLES}-skip/skipped.json)
  set_tests_properties(collector_fhir_valid_skip PROPERTIES
    FIXTURES_REQUIRED "collector_export_bundles_skip;collector_fhir_npm" TIMEOUT 120)
  # The check must be able to fail: each of these is broken in one way.
  set(BROKEN)
  foreach(b id datetime property value class type)
    list(APPEND BROKEN ${EXPORT_BUNDLES}/broken-${b}.json)
  endforeach()
  add_test(NAME collector_fhir_refuses_broken COMMAND ${VALIDATE} --expect-invalid ${BROKEN})
  set_tests_properties(collector_fhir_valid collector_fhir_refuses_broken PROPERTIES
    FIXTURES_REQUIRED "collector_export_bundles;collector_fhir_npm" TIMEOUT 120)
  set_tests_properties(collector_fhir_valid_pg PROPERTIES
    FIXTURES_REQUIRED "collector_export_bundles_pg;collector_fhir_npm" TIMEOUT 120)
else()
  message(WARNING "node and npm not found: the FHIR export is not checked against the FHIR R4 schema")
endif()
