using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>Where the repository, the optional API listings and the build outputs are, seen from a running test.</summary>
    internal static class RepositoryLayout
    {
        /// <summary>Environment variable naming the folder of real nanoFramework API listings (one .txt per package).</summary>
        public const string ApiListingsVariable = "NANOTCP_NF_API";

        /// <summary>The folder holding nanoTcp.sln.</summary>
        public static string Root { get; } = FindRoot();

        /// <summary>
        /// The real nanoFramework API listings, from <see cref="ApiListingsVariable"/>; null when it is unset or names
        /// no folder (a plain clone: the listings are not part of the repository).
        /// </summary>
        public static string ApiListings
        {
            get
            {
                string path = Environment.GetEnvironmentVariable(ApiListingsVariable);
                return string.IsNullOrEmpty(path) || !Directory.Exists(path) ? null : Path.GetFullPath(path);
            }
        }

        /// <summary>Ends the calling test as Inconclusive (reported as skipped) when the API listings are not available.</summary>
        public static void RequireApiListings()
        {
            if (ApiListings == null)
            {
                Assert.Inconclusive("skipped: no nanoFramework API listings (set " + ApiListingsVariable +
                    " to a folder of <package>.txt listings and their tool/ lister; CI's .ci/run does)");
            }
        }

        /// <summary>Debug or Release: the configuration this test assembly was built in.</summary>
        public static string Configuration =>
            AppContext.BaseDirectory.Replace('\\', '/').Contains("/Release/") ? "Release" : "Debug";

        /// <summary>Scratch space for generated files (git-ignored).</summary>
        public static string Artifacts
        {
            get
            {
                string dir = Path.Combine(Root, "artifacts");
                Directory.CreateDirectory(dir);
                return dir;
            }
        }

        /// <summary>Path of a repository file given with forward slashes.</summary>
        public static string RepoPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        private static string FindRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "nanoTcp.sln")))
            {
                dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
            }
            return dir ?? throw new InvalidOperationException("nanoTcp.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
