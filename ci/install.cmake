# `cmake --install` rules and the Debian package (CPack, `ci/package.sh OUTDIR`).
# The man page and the bash/zsh/fish completions are generated at build time
# by the binary itself (`leakhound generate ...`, from the CLI definition).
include(GNUInstallDirs)

set(LH_GEN ${CMAKE_BINARY_DIR}/generated-docs)
set(LH_RUN ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 $<TARGET_FILE:leakhound> generate)
add_custom_command(
  OUTPUT ${LH_GEN}/leakhound.1.gz ${LH_GEN}/leakhound.bash ${LH_GEN}/_leakhound ${LH_GEN}/leakhound.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${LH_GEN}
  COMMAND ${LH_RUN} man > ${LH_GEN}/leakhound.1
  COMMAND gzip -9nf ${LH_GEN}/leakhound.1
  COMMAND ${LH_RUN} bash > ${LH_GEN}/leakhound.bash
  COMMAND ${LH_RUN} zsh > ${LH_GEN}/_leakhound
  COMMAND ${LH_RUN} fish > ${LH_GEN}/leakhound.fish
  DEPENDS leakhound
  COMMENT "Generating the man page and shell completions from the CLI definition")
add_custom_target(leakhound_docs ALL DEPENDS ${LH_GEN}/leakhound.1.gz)

install(TARGETS leakhound RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${LH_GEN}/leakhound.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${LH_GEN}/leakhound.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME leakhound)
install(FILES ${LH_GEN}/_leakhound DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${LH_GEN}/leakhound.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# The CI script and the git hooks, for the container image, the GitHub Action
# and the GitLab template (which never build leakhound).
install(PROGRAMS ci/leakhound-ci.sh ci/github-action/summary.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/leakhound)
install(PROGRAMS hooks/pre-commit hooks/pre-push DESTINATION ${CMAKE_INSTALL_DATADIR}/leakhound/hooks)
install(FILES README.md CHANGELOG.md docs/ci.md docs/hooks.md docs/configuration.md docs/output.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME leakhound)
set(CPACK_PACKAGE_VENDOR "leakhound")
set(CPACK_PACKAGE_CONTACT "leakhound maintainers <leakhound@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "git secret scanner: staged changes, commit ranges, full history")
set(CPACK_PACKAGE_DESCRIPTION
    "leakhound finds credentials that leaked into source code: in the commit being made\n(pre-commit hook), in a pull request (CI) and across the whole history of a\nrepository. Hyperscan prefilter, RE2 confirmation, optional live verification;\nreports as text, JSON, SARIF and GitLab secret detection, secrets redacted.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/leakhound/leakhound")
# Depends: the shared libraries the stripped binary links (dpkg-shlibdeps),
# runtime packages only; git and a JSON reader are what the CI script uses.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git, python3 | jq")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
