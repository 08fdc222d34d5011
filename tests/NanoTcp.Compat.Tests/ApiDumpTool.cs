using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// Runs ../shared/nanoframework-api/tool (the lister that produced the real listings) over facade
    /// sources, so facade and real package are compared in one format.
    /// </summary>
    internal static class ApiDumpTool
    {
        private static readonly object Gate = new object();
        private static string _dll;

        /// <summary>One facade assembly: its name, source folder and the units it references.</summary>
        public sealed class Unit
        {
            public Unit(string assembly, string sourceDir, params string[] references)
            {
                Assembly = assembly;
                SourceDir = sourceDir;
                References = references;
            }

            public string Assembly { get; }
            public string SourceDir { get; }
            public string[] References { get; }
        }

        /// <summary>Lists every unit (in dependency order) into outputDir/&lt;assembly&gt;.txt.</summary>
        public static void List(IEnumerable<Unit> units, string outputDir)
        {
            Directory.CreateDirectory(outputDir);
            var manifest = new StringBuilder();
            foreach (Unit unit in units)
            {
                manifest.Append("unit ").AppendLine(unit.Assembly);
                manifest.Append("assembly ").AppendLine(unit.Assembly);
                foreach (string reference in unit.References) manifest.Append("ref ").AppendLine(reference);
                manifest.Append("output ").AppendLine(Path.Combine(outputDir, unit.Assembly + ".txt"));
                manifest.Append("base ").AppendLine(unit.SourceDir);
                foreach (string file in Directory.GetFiles(unit.SourceDir, "*.cs"))
                {
                    manifest.Append("file ").AppendLine(Path.GetFileName(file));
                }
            }
            string manifestPath = Path.Combine(outputDir, "manifest.txt");
            File.WriteAllText(manifestPath, manifest.ToString());
            Run("dotnet", Quote(EnsureBuilt()) + " " + Quote(manifestPath), outputDir);
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
