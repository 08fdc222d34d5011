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

        /// <summary>
        /// Package ids and versions the device projects target: the newest stable 1.x release of each (the release tags
        /// of the nanoframework/* repositories); every one of them depends on CoreLibrary 1.17.11.
        /// </summary>
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
            ["nanoFramework.System.Text"] = "1.3.42",
        };

        /// <summary>The package each facade (tests/Compat/Facade/Facade.&lt;assembly&gt;) stands for.</summary>
        private static readonly Dictionary<string, string> PackageOfFacade = new Dictionary<string, string>
        {
            ["System.Device.Spi"] = "nanoFramework.System.Device.Spi",
            ["System.Device.Gpio"] = "nanoFramework.System.Device.Gpio",
            ["nanoFramework.Runtime.Events"] = "nanoFramework.Runtime.Events",
            ["nanoFramework.Hardware.Esp32"] = "nanoFramework.Hardware.Esp32",
            ["nanoFramework.Runtime.Native"] = "nanoFramework.Runtime.Native",
            ["nanoFramework.TestFramework"] = "nanoFramework.TestFramework",
            ["System.IO.Streams"] = "nanoFramework.System.IO.Streams",
            ["nanoFramework.System.Text"] = "nanoFramework.System.Text",
        };

        /// <summary>
        /// Each device project, the folders (minus excluded subfolders) whose sources it must list, and the compat
        /// project that compiles the same sources against the facade.
        /// </summary>
        public static IEnumerable<object[]> DeviceProjects()
        {
            yield return new object[] { "stack/nanoFramework/NanoTcp.Stack.nfproj", "stack", "tests/Compat/Stack/NanoTcp.Stack.Compat.csproj" };
            yield return new object[] { "drivers/Enc28j60/nanoFramework/NanoTcp.Enc28j60.nfproj", "drivers/Enc28j60", "tests/Compat/Enc28j60/NanoTcp.Enc28j60.Compat.csproj" };
            yield return new object[] { "firmware/nanoFramework/NanoTcp.Firmware.nfproj", "firmware!Sample;boards!host", "tests/Compat/Firmware/NanoTcp.Firmware.Compat.csproj" };
            yield return new object[] { "firmware/Sample/NanoTcp.Sample.nfproj", "firmware/Sample;boards!host", "tests/Compat/Sample/NanoTcp.Sample.Compat.csproj" };
            yield return new object[] { "tests/NanoTcp.Portable.Tests/nanoFramework/NFUnitTest.nfproj", "tests/NanoTcp.Portable.Tests", "tests/Compat/DeviceTests/NFUnitTest.Compat.csproj" };
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
            foreach (XElement compile in XDocument.Load(projectPath).Descendants(Msbuild + "Compile"))
            {
                // A file outside the project folder needs a Link, or Visual Studio shows it as "..\x.cs" at the root.
                if (compile.Attribute("Include").Value.StartsWith("..", StringComparison.Ordinal))
                {
                    Assert.IsNotNull(compile.Element(Msbuild + "Link"), nfproj + ": " + compile.Attribute("Include").Value + " has no <Link>");
                }
            }

            var notListed = onDisk.Except(listed).OrderBy(f => f, StringComparer.Ordinal).Select(f => CompileItem(projectDir, folders, f)).ToList();
            var notOnDisk = listed.Except(onDisk).Select(f => Path.GetRelativePath(projectDir, f).Replace('/', '\\')).OrderBy(f => f).ToList();

            Assert.AreEqual(0, notListed.Count + notOnDisk.Count,
                nfproj + " is out of sync with its folder." +
                (notListed.Count > 0 ? "\nAdd:\n" + string.Join("\n", notListed) : "") +
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
            string packagesFolder = RepositoryLayout.RepoPath("packages") + Path.DirectorySeparatorChar;
            foreach (string hint in hintPaths)
            {
                // nuget restore of nanoTcp.Device.sln puts packages in packages/ beside the solution.
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectPath), hint));
                Assert.IsTrue(full.StartsWith(packagesFolder, StringComparison.Ordinal), nfproj + ": " + hint + " is not under the solution's packages/ folder");
            }
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
            // CoreLibrary is no facade: tests/Compat/Directory.Build.props references the package's own mscorlib.dll.
            string config = Path.Combine(Path.GetDirectoryName(RepositoryLayout.RepoPath(nfproj)), "packages.config");
            var restored = XDocument.Load(config).Descendants("package").Select(p => p.Attribute("id").Value).ToList();
            CollectionAssert.Contains(restored, "nanoFramework.CoreLibrary", config);
            var facades = XDocument.Load(RepositoryLayout.RepoPath(compat)).Descendants("ProjectReference")
                .Select(r => r.Attribute("Include").Value.Replace('\\', '/'))
                .Where(r => r.Contains("/Facade/"))
                .Select(r => PackageOfFacade[Path.GetFileNameWithoutExtension(r).Substring("Facade.".Length)])
                .OrderBy(p => p).ToList();
            Assert.AreEqual(string.Join(", ", restored.Where(p => p != "nanoFramework.CoreLibrary").OrderBy(p => p)), string.Join(", ", facades), compat + " vs " + config);
        }

        [TestMethod]
        public void NoNfprojSharesItsFolderWithAnSdkProject()
        {
            // Visual Studio restores SDK projects into obj/project.assets.json when the solution opens; a legacy
            // project in the same folder then fails NuGet's ResolveNuGetPackageAssets ("does not reference
            // .NETnanoFramework,Version=v1.0"), dotnet/project-system#1935.
            var nfprojs = AllFiles("*.nfproj");
            Assert.AreEqual(DeviceProjects().Count(), nfprojs.Count, "every .nfproj needs a row in DeviceProjects: " + string.Join(", ", nfprojs));
            foreach (string nfproj in nfprojs)
            {
                string[] sdk = Directory.GetFiles(Path.GetDirectoryName(RepositoryLayout.RepoPath(nfproj)), "*.csproj");
                Assert.AreEqual(0, sdk.Length, nfproj + " shares its folder (and obj/) with " + string.Join(", ", sdk));
            }
        }

        [TestMethod]
        public void DeviceSolutionBuildsEveryDeviceProjectAndDeploysTheFirmware()
        {
            string[] solution = File.ReadAllLines(RepositoryLayout.RepoPath("nanoTcp.Device.sln"));
            var listed = solution.Where(l => l.StartsWith("Project(")).ToList();
            Assert.AreEqual(DeviceProjects().Count(), listed.Count, "nanoTcp.Device.sln lists only and all device projects");
            foreach (object[] row in DeviceProjects())
            {
                string nfproj = (string)row[0];
                string line = listed.FirstOrDefault(l => l.Contains("\"" + nfproj.Replace('/', '\\') + "\""));
                Assert.IsNotNull(line, "nanoTcp.Device.sln does not list " + nfproj);
                Assert.IsTrue(line.StartsWith("Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\")"), nfproj + " must use the nanoFramework project type");
                string guid = line.Substring(line.LastIndexOf('{'), 38);
                string projectGuid = XDocument.Load(RepositoryLayout.RepoPath(nfproj)).Descendants(Msbuild + "ProjectGuid").Single().Value;
                Assert.AreEqual(projectGuid, guid, nfproj + ": solution GUID vs ProjectGuid");
                bool firmware = nfproj.EndsWith("NanoTcp.Firmware.nfproj", StringComparison.Ordinal);
                foreach (string configuration in new[] { "Debug", "Release" })
                {
                    string key = guid + "." + configuration + "|Any CPU.";
                    Assert.IsTrue(solution.Any(l => l.Trim() == key + "Build.0 = " + configuration + "|Any CPU"), nfproj + " has no " + configuration + " Build.0");
                    Assert.AreEqual(firmware, solution.Any(l => l.Trim() == key + "Deploy.0 = " + configuration + "|Any CPU"),
                        nfproj + ": only the firmware has Deploy.0 (" + configuration + ")");
                }
            }
        }

        [TestMethod]
        public void DotnetSolutionHasNoDeviceProjectAndEveryCompatProject()
        {
            // dotnet build cannot build an .nfproj (MSB4057 without the Visual Studio extension's targets).
            string[] solution = File.ReadAllLines(RepositoryLayout.RepoPath("nanoTcp.sln"));
            Assert.IsFalse(solution.Any(l => l.Contains(".nfproj")), "nanoTcp.sln must not list .nfproj files (they belong in nanoTcp.Device.sln)");
            foreach (object[] row in DeviceProjects())
            {
                string compat = ((string)row[2]).Replace('/', '\\');
                Assert.IsTrue(solution.Any(l => l.StartsWith("Project(") && l.Contains("\"" + compat + "\"")), "nanoTcp.sln does not list " + compat);
            }
        }

        // The <Compile> item to paste for a missing file: a plain Include inside the project folder, else a link named
        // after its place in the source folder (files of a second folder, e.g. boards, under that folder's name).
        private static string CompileItem(string projectDir, string folders, string file)
        {
            string include = Path.GetRelativePath(projectDir, file).Replace('/', '\\');
            if (!include.StartsWith("..", StringComparison.Ordinal)) return "    <Compile Include=\"" + include + "\" />";
            string[] roots = folders.Split(';').Select(spec => spec.Split('!')[0]).ToArray();
            string link = null;
            for (int i = 0; i < roots.Length && link == null; i++)
            {
                string root = RepositoryLayout.RepoPath(roots[i]) + Path.DirectorySeparatorChar;
                if (!file.StartsWith(root, StringComparison.Ordinal)) continue;
                string name = roots[i].Substring(roots[i].LastIndexOf('/') + 1);
                string prefix = i == 0 ? "" : char.ToUpperInvariant(name[0]) + name.Substring(1) + "\\";
                link = prefix + Path.GetRelativePath(root, file).Replace('/', '\\');
            }
            return "    <Compile Include=\"" + include + "\">\n      <Link>" + link + "</Link>\n    </Compile>";
        }

        private static List<string> AllFiles(string pattern)
        {
            return Directory.GetFiles(RepositoryLayout.Root, pattern, SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepositoryLayout.Root, f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(s => s == "bin" || s == "obj" || s == "packages" || s == "artifacts" || s.StartsWith(".", StringComparison.Ordinal)))
                .OrderBy(f => f).ToList();
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
