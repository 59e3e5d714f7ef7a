// Stands in for one of Vigil's programs in the packaging tests: dynamically linked like them,
// so dpkg-shlibdeps has libraries to find.
#include <iostream>

int main(int, char** argv) {
    std::cout << "stand-in for " << argv[0] << '\n';
    return 0;
}
