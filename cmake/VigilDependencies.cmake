# Every dependency is a Debian 12 package; scripts/setup.sh installs them.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
# SQLCipher's codec API (sqlite3_key) is only declared with SQLITE_HAS_CODEC, which its
# pkg-config file does not add. No Vigil target may ever link libsqlite3 beside it.
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher>=3.4)
target_compile_definitions(PkgConfig::SQLCIPHER INTERFACE SQLITE_HAS_CODEC)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_package(Boost 1.74 REQUIRED)
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Qml Quick QuickControls2 Svg Pdf Test QuickTest)
