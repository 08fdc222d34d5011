using System;
using System.IO;

namespace NanoTcp.Compat.Tests
{
    /// <summary>Where the repository, ../shared and the build outputs are, seen from a running test.</summary>
    internal static class RepositoryLayout
    {
        /// <summary>The folder holding nanoTcp.sln.</summary>
        public static string Root { get; } = FindRoot();

        /// <summary>The reference material folder beside the clone (NANOTCP_SHARED overrides it).</summary>
        public static string Shared =>
            Environment.GetEnvironmentVariable("NANOTCP_SHARED") ?? Path.GetFullPath(Path.Combine(Root, "..", "shared"));

        /// <summary>The real nanoFramework API listings.</summary>
        public static string ApiListings => Path.Combine(Shared, "nanoframework-api");

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
