#if canImport(Glibc)
import Glibc
#endif
import CSMCLI

exit(CSMCommandLine.main(Array(CommandLine.arguments.dropFirst())))
