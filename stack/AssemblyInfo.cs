using System.Runtime.CompilerServices;

// The host unit tests exercise the RFC building blocks (sequence arithmetic, RTO, reassembly) directly.
[assembly: InternalsVisibleTo("NanoTcp.Stack.Scenarios.Tests")]
