# Where Vigil's system files go. GNUInstallDirs, plus the systemd unit folder: with the prefix
# /usr (the packages, a centre's `cmake --install`), Debian 12 keeps units in /lib/systemd/system
# (/usr/lib is not yet where its tools and lintian look); any other prefix keeps them under it.
include(GNUInstallDirs)
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(VIGIL_SYSTEMD_UNIT_DIR /lib/systemd/system)
else()
    set(VIGIL_SYSTEMD_UNIT_DIR lib/systemd/system)
endif()
