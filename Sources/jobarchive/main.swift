import JobArchiveCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The entry point only: every command lives in JobArchiveCLI, where tests run them in-process.
exit(await JobArchiveCLI.run(CommandLine.arguments.dropFirst()))
