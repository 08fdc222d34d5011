using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The .nfproj files (built by Visual Studio users) and the SDK-style projects (built here) compile the
    /// same folders. An .nfproj lists its sources one by one, so these tests fail as soon as a file is added,
    /// removed or renamed in one place only, and check the package references a Visual Studio user restores.
    /// </summary>
    [TestClass]
    public sealed class DeviceProjectSyncTests
    {
        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        /// <summary>Package ids and versions established in ../shared/nanoframework.md §0.</summary>
        private static readonly Dictionary<string, string> PackageVersions = new Dictionary<string, string>
        {
            ["nanoFramework.CoreLibrary"] = "1.17.11",
            ["nanoFramework.System.Device.Spi"] = "1.3.89",
            ["nanoFramework.System.Device.Gpio"] = "1.1.62",
            ["nanoFramework.Runtime.Events"] = "1.11.39",
            ["nanoFramework.Hardware.Esp32"] = "1.6.42",
            ["nanoFramework.Runtime.Native"] = "1.7.11",
            ["nanoFramework.TestFramework"] = "3.0.77",
            ["nanoFramework.System.IO.Streams"] = "1.1.96",
        };

        /// <summary>The package each facade assembly (tests/Compat/Facade/&lt;assembly&gt;) stands for.</summary>
        private static readonly Dictionary<string, string> PackageOfFacade = new Dictionary<string, string>
        {
            ["mscorlib"] = "nanoFramework.CoreLibrary",
            ["System.Device.Spi"] = "nanoFramework.System.Device.Spi",
            ["System.Device.Gpio"] = "nanoFramework.System.Device.Gpio",
            ["nanoFramework.Runtime.Events"] = "nanoFramework.Runtime.Events",
            ["nanoFramework.Hardware.Esp32"] = "nanoFramework.Hardware.Esp32",
            ["nanoFramework.Runtime.Native"] = "nanoFramework.Runtime.Native",
            ["nanoFramework.TestFramework"] = "nanoFramework.TestFramework",
            ["System.IO.Streams"] = "nanoFramework.System.IO.Streams",
        };

        /// <summary>
        /// Each device project, the folders (minus excluded subfolders) whose sources it must list, and the compat
        /// project that compiles the same sources against the facade.
        /// </summary>
        public static IEnumerable<object[]> DeviceProjects()
        {
            yield return new object[] { "stack/NanoTcp.Stack.nfproj", "stack", "tests/Compat/Stack/NanoTcp.Stack.Compat.csproj" };
            yield return new object[] { "drivers/Enc28j60/NanoTcp.Enc28j60.nfproj", "drivers/Enc28j60", "tests/Compat/Enc28j60/NanoTcp.Enc28j60.Compat.csproj" };
            yield return new object[] { "firmware/NanoTcp.Firmware.nfproj", "firmware;boards!host", "tests/Compat/Firmware/NanoTcp.Firmware.Compat.csproj" };
            yield return new object[] { "tests/NanoTcp.Portable.Tests/NFUnitTest.nfproj", "tests/NanoTcp.Portable.Tests", "tests/Compat/DeviceTests/NFUnitTest.Compat.csproj" };
        }

        [TestMethod]
        [DynamicData(nameof(DeviceProjects))]
        public void NfprojListsExactlyTheFolderSources(string nfproj, string folders, string compat)
        {
            string projectPath = RepositoryLayout.RepoPath(nfproj);
            Assert.IsTrue(File.Exists(projectPath), nfproj + " is missing");
            string projectDir = Path.GetDirectoryName(projectPath);

            var listed = new HashSet<string>(
                XDocument.Load(projectPath).Descendants(Msbuild + "Compile")
                    .Select(c => Path.GetFullPath(Path.Combine(projectDir, c.Attribute("Include").Value.Replace('\\', '/')))));
            var onDisk = new HashSet<string>(SourcesIn(folders));

            var notListed = onDisk.Except(listed).Select(f => Path.GetRelativePath(projectDir, f).Replace('/', '\\')).OrderBy(f => f).ToList();
            var notOnDisk = listed.Except(onDisk).Select(f => Path.GetRelativePath(projectDir, f).Replace('/', '\\')).OrderBy(f => f).ToList();

            Assert.AreEqual(0, notListed.Count + notOnDisk.Count,
                nfproj + " is out of sync with its folder." +
                (notListed.Count > 0 ? "\nAdd:\n" + string.Join("\n", notListed.Select(f => "    <Compile Include=\"" + f + "\" />")) : "") +
                (notOnDisk.Count > 0 ? "\nRemove (no such file):\n" + string.Join("\n", notOnDisk) : ""));
        }

        [TestMethod]
        [DynamicData(nameof(DeviceProjects))]
        public void PackagesConfigMatchesReferences(string nfproj, string folders, string compat)
        {
            string projectPath = RepositoryLayout.RepoPath(nfproj);
            string config = Path.Combine(Path.GetDirectoryName(projectPath), "packages.config");
            Assert.IsTrue(File.Exists(config), config + " is missing");

            var packages = XDocument.Load(config).Descendants("package").ToList();
            Assert.IsTrue(packages.Count > 0, "no packages in " + config);
            foreach (XElement package in packages)
            {
                string id = package.Attribute("id").Value;
                string version = package.Attribute("version").Value;
                Assert.IsTrue(PackageVersions.ContainsKey(id), id + " is not a package the project targets");
                Assert.AreEqual(PackageVersions[id], version, id + " version in " + config);
                Assert.AreEqual("netnano1.0", package.Attribute("targetFramework").Value, id + " targetFramework");
            }

            var hintPaths = XDocument.Load(projectPath).Descendants(Msbuild + "HintPath").Select(h => h.Value.Replace('\\', '/')).ToList();
            foreach (string hint in hintPaths)
            {
                Assert.IsTrue(packages.Any(p => hint.Contains("/packages/" + p.Attribute("id").Value + "." + p.Attribute("version").Value + "/")),
                    nfproj + " references " + hint + ", which packages.config does not restore");
            }
            foreach (XElement package in packages)
            {
                string folder = "/packages/" + package.Attribute("id").Value + "." + package.Attribute("version").Value + "/";
                Assert.IsTrue(hintPaths.Any(h => h.Contains(folder)), package.Attribute("id").Value + " is restored but never referenced by " + nfproj);
            }
        }

        [TestMethod]
        [DynamicData(nameof(DeviceProjects))]
        public void CompatProjectSeesExactlyThePackagesTheDeviceProjectRestores(string nfproj, string folders, string compat)
        {
            // The compat build proves nothing if it references a facade the device project lacks (or the reverse).
            string config = Path.Combine(Path.GetDirectoryName(RepositoryLayout.RepoPath(nfproj)), "packages.config");
            var restored = XDocument.Load(config).Descendants("package").Select(p => p.Attribute("id").Value).OrderBy(p => p).ToList();
            var facades = XDocument.Load(RepositoryLayout.RepoPath(compat)).Descendants("ProjectReference")
                .Select(r => r.Attribute("Include").Value.Replace('\\', '/'))
                .Where(r => r.Contains("/Facade/"))
                .Select(r => PackageOfFacade[r.Split('/')[r.Split('/').Length - 2]])
                .OrderBy(p => p).ToList();
            Assert.AreEqual(string.Join(", ", restored), string.Join(", ", facades), compat + " vs " + config);
        }

        [TestMethod]
        public void SolutionListsDeviceProjectsWithoutBuildingThem()
        {
            string[] solution = File.ReadAllLines(RepositoryLayout.RepoPath("nanoTcp.sln"));
            foreach (object[] row in DeviceProjects())
            {
                string nfproj = ((string)row[0]).Replace('/', '\\');
                string line = solution.FirstOrDefault(l => l.StartsWith("Project(") && l.Contains("\"" + nfproj + "\""));
                Assert.IsNotNull(line, "nanoTcp.sln does not list " + nfproj);
                Assert.IsTrue(line.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}"), nfproj + " must use the nanoFramework project type");
                string guid = line.Substring(line.LastIndexOf('{'), 38);
                Assert.IsFalse(solution.Any(l => l.Contains(guid + ".") && l.Contains(".Build.0")),
                    nfproj + " has a Build.0 line: `dotnet build nanoTcp.sln` would fail with MSB4057 on Linux (../shared/nanoframework.md §g)");
            }
        }

        private static IEnumerable<string> SourcesIn(string folders)
        {
            foreach (string spec in folders.Split(';'))
            {
                string[] parts = spec.Split('!');
                string root = RepositoryLayout.RepoPath(parts[0]);
                var excluded = parts.Skip(1).Select(e => Path.Combine(root, e) + Path.DirectorySeparatorChar).ToList();
                foreach (string file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(root, file);
                    string[] segments = relative.Split(Path.DirectorySeparatorChar);
                    if (segments.Contains("bin") || segments.Contains("obj")) continue;
                    if (excluded.Any(e => file.StartsWith(e, StringComparison.Ordinal))) continue;
                    yield return Path.GetFullPath(file);
                }
            }
        }
    }
}
