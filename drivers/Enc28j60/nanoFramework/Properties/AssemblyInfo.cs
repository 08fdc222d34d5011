using System.Reflection;

// Device build only (the host .csproj generates its own). Keep AssemblyVersion equal to the version in the
// package's .nuspec (NanoTcp.Compat.Tests checks it).
[assembly: AssemblyTitle("NanoTcp.Enc28j60")]
[assembly: AssemblyDescription("Microchip ENC28J60 Ethernet controller driver for nanoTcp over System.Device.Spi")]
[assembly: AssemblyCompany("nanoTcp contributors")]
[assembly: AssemblyProduct("nanoTcp")]
[assembly: AssemblyCopyright("Copyright (c) nanoTcp contributors, MIT License")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: AssemblyInformationalVersion("0.1.0")]
