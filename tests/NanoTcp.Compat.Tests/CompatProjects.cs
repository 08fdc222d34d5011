using System;
using System.IO;

namespace NanoTcp.Compat.Tests
{
    /// <summary>The compat projects (tests/Compat/*) and the device assembly each one produces.</summary>
    internal static class CompatProjects
    {
        /// <summary>Folder under tests/Compat and assembly name, one per device project.</summary>
        public static readonly string[] All =
        {
            "Stack/NanoTcp.Stack", "Enc28j60/NanoTcp.Enc28j60", "Firmware/NanoTcp.Firmware", "Sample/NanoTcp.Sample", "DeviceTests/NFUnitTest",
        };

        /// <summary>The nanoFramework.CoreLibrary version whose lib/mscorlib.dll the compat build references.</summary>
        public const string CoreLibraryVersion = "1.17.11";

        /// <summary>lib/mscorlib.dll of the nanoFramework.CoreLibrary package in the NuGet cache.</summary>
        public static string RealMscorlib
        {
            get
            {
                string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
                if (string.IsNullOrEmpty(cache))
                {
                    cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                }
                return Path.Combine(cache, "nanoframework.corelibrary", CoreLibraryVersion, "lib", "mscorlib.dll");
            }
        }

        /// <summary>Path of the assembly the compat project built in this test's configuration.</summary>
        public static string OutputOf(string project)
        {
            string folder = project.Substring(0, project.IndexOf('/'));
            string assembly = project.Substring(project.IndexOf('/') + 1);
            return Path.Combine(RepositoryLayout.RepoPath("tests/Compat/" + folder), "bin", RepositoryLayout.Configuration,
                "netstandard2.0", assembly + ".dll");
        }
    }
}
