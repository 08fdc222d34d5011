using System.Reflection;

// Device build only (the host .csproj generates its own). Keep AssemblyVersion equal to the version in the
// package's .nuspec (NanoTcp.Compat.Tests checks it).
[assembly: AssemblyTitle("NanoTcp.Sample")]
[assembly: AssemblyDescription("nanoTcp sample: one TCP service on one port over an ENC28J60")]
[assembly: AssemblyCompany("nanoTcp contributors")]
[assembly: AssemblyProduct("nanoTcp")]
[assembly: AssemblyCopyright("Copyright (c) nanoTcp contributors, MIT License")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: AssemblyInformationalVersion("0.1.0")]
