using System.Runtime.CompilerServices;

// The host unit tests exercise the RFC building blocks (sequence arithmetic, RTO, reassembly) directly.
[assembly: InternalsVisibleTo("NanoTcp.Stack.Tests")]
// Golden-byte construct/parse tests of the stack/Wire codecs (tests/NanoTcp.Stack.Scenarios.Tests/Wire).
[assembly: InternalsVisibleTo("NanoTcp.Stack.Scenarios.Tests")]
