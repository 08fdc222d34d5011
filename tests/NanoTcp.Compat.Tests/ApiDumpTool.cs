using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// Runs the API lister that produced the real nanoFramework listings (the <c>tool/</c> folder next to them,
    /// <see cref="RepositoryLayout.ApiListings"/>) over a compiled facade assembly, so facade and real package are
    /// compared in one format.
    /// </summary>
    internal static class ApiDumpTool
    {
        private static readonly object Gate = new object();
        private static string _dll;

        /// <summary>
        /// Lists the public API of <paramref name="assembly"/> (resolving types through <paramref name="references"/>)
        /// into <paramref name="output"/>.
        /// </summary>
        public static void ListAssembly(string assembly, IEnumerable<string> references, string output)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output));
            string arguments = Quote(EnsureBuilt()) + " --dll " + Quote(assembly) + " " + Quote(output) + " " +
                string.Join(" ", references.Select(Quote));
            Run("dotnet", arguments, Path.GetDirectoryName(output));
        }

        private static string EnsureBuilt()
        {
            lock (Gate)
            {
                if (_dll != null) return _dll;
                string source = Path.Combine(RepositoryLayout.ApiListings, "tool");
                // Outside the repository, so the repository's Directory.Build.props does not apply to the tool.
                string work = Path.Combine(Path.GetTempPath(), "nanotcp-apidump");
                Directory.CreateDirectory(work);
                foreach (string name in new[] { "ApiDump.csproj", "Program.cs" })
                {
                    File.Copy(Path.Combine(source, name), Path.Combine(work, name), overwrite: true);
                }
                Run("dotnet", "build -c Release -o out --nologo -v q", work);
                _dll = Path.Combine(work, "out", "ApiDump.dll");
                return _dll;
            }
        }

        private static void Run(string file, string arguments, string workingDirectory)
        {
            var start = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(start);
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(file + " " + arguments + " did not finish in 300 s");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(file + " " + arguments + " failed (" + process.ExitCode + "):\n" + stdout + stderr.Result);
            }
        }

        private static string Quote(string path) => "\"" + path + "\"";
    }
}
