using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The two NuGet packages (stack, ENC28J60 driver) in nanoFramework's package form: lib/ holds exactly the
    /// project's .dll, .pe, .pdbx, .pdb and .xml; README, icon and LICENSE exist; dependency versions are exact and
    /// equal the project's packages.config; the version equals the assembly's.
    /// </summary>
    [TestClass]
    public sealed class NuspecTests
    {
        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";
        private static readonly string[] LibExtensions = { ".dll", ".pe", ".pdbx", ".pdb", ".xml" };

        /// <summary>Each nuspec and the .nfproj it packs; the driver package also depends on the stack package.</summary>
        public static IEnumerable<object[]> Packages()
        {
            yield return new object[] { "stack/nanoFramework/NanoTcp.Stack.nuspec", "stack/nanoFramework/NanoTcp.Stack.nfproj", "" };
            yield return new object[] { "drivers/Enc28j60/nanoFramework/NanoTcp.Enc28j60.nuspec", "drivers/Enc28j60/nanoFramework/NanoTcp.Enc28j60.nfproj", "stack/nanoFramework/NanoTcp.Stack.nuspec" };
        }

        [TestMethod]
        [DynamicData(nameof(Packages))]
        public void LibHoldsExactlyTheProjectsOutputs(string nuspec, string nfproj, string dependsOn)
        {
            XDocument package = XDocument.Load(RepositoryLayout.RepoPath(nuspec)); // throws when not well-formed
            string assembly = XDocument.Load(RepositoryLayout.RepoPath(nfproj)).Descendants(Msbuild + "AssemblyName").Single().Value;
            var lib = Files(package).Where(f => f.Target.StartsWith("lib\\", StringComparison.Ordinal)).ToList();
            var expected = LibExtensions.Select(e => "lib\\" + assembly + e).OrderBy(t => t).ToList();
            Assert.AreEqual(string.Join(", ", expected), string.Join(", ", lib.Select(f => f.Target).OrderBy(t => t)), nuspec);
            foreach (var file in lib)
            {
                // Built by the .nfproj into bin\Release beside the nuspec, under the name lib\ gives it.
                Assert.AreEqual("bin\\Release\\" + file.Target.Substring(4), file.Src, nuspec + ": " + file.Target);
            }
            Assert.AreEqual(Path.GetDirectoryName(RepositoryLayout.RepoPath(nuspec)), Path.GetDirectoryName(RepositoryLayout.RepoPath(nfproj)),
                nuspec + " sits beside its .nfproj, so bin\\Release is that project's output");
        }

        [TestMethod]
        [DynamicData(nameof(Packages))]
        public void ReadmeIconAndLicenseArePackedFromTheRepository(string nuspec, string nfproj, string dependsOn)
        {
            XDocument package = XDocument.Load(RepositoryLayout.RepoPath(nuspec));
            XNamespace ns = package.Root.Name.Namespace;
            XElement metadata = package.Root.Element(ns + "metadata");
            var targets = Files(package).ToDictionary(f => f.Target, f => f.Src);
            string folder = Path.GetDirectoryName(RepositoryLayout.RepoPath(nuspec));
            foreach (string name in new[] { "readme", "icon", "license" })
            {
                string target = metadata.Element(ns + name)?.Value;
                Assert.IsNotNull(target, nuspec + " has no <" + name + ">");
                Assert.IsTrue(targets.ContainsKey(target), nuspec + ": <" + name + "> " + target + " is not packed");
                string source = Path.GetFullPath(Path.Combine(folder, targets[target].Replace('\\', Path.DirectorySeparatorChar)));
                Assert.IsTrue(File.Exists(source), nuspec + ": " + source + " does not exist");
            }
            Assert.AreEqual("file", metadata.Element(ns + "license").Attribute("type").Value);
            StringAssert.StartsWith(File.ReadAllText(RepositoryLayout.RepoPath("LICENSE")), "MIT License");
        }

        [TestMethod]
        [DynamicData(nameof(Packages))]
        public void DependenciesAreExactlyThePackagesConfigVersions(string nuspec, string nfproj, string dependsOn)
        {
            XDocument package = XDocument.Load(RepositoryLayout.RepoPath(nuspec));
            XNamespace ns = package.Root.Name.Namespace;
            var dependencies = package.Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id").Value, d => d.Attribute("version").Value);
            string config = Path.Combine(Path.GetDirectoryName(RepositoryLayout.RepoPath(nfproj)), "packages.config");
            var expected = XDocument.Load(config).Descendants("package").ToDictionary(p => p.Attribute("id").Value, p => "[" + p.Attribute("version").Value + "]");
            if (dependsOn.Length > 0)
            {
                XDocument stack = XDocument.Load(RepositoryLayout.RepoPath(dependsOn));
                XNamespace sns = stack.Root.Name.Namespace;
                XElement metadata = stack.Root.Element(sns + "metadata");
                expected[metadata.Element(sns + "id").Value] = "[" + metadata.Element(sns + "version").Value + "]";
            }
            Assert.AreEqual(Describe(expected), Describe(dependencies), nuspec + " dependencies vs " + config);
        }

        [TestMethod]
        [DynamicData(nameof(Packages))]
        public void VersionIsTheAssemblysVersion(string nuspec, string nfproj, string dependsOn)
        {
            XDocument package = XDocument.Load(RepositoryLayout.RepoPath(nuspec));
            XNamespace ns = package.Root.Name.Namespace;
            string version = package.Root.Element(ns + "metadata").Element(ns + "version").Value;
            string info = File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepositoryLayout.RepoPath(nfproj)), "Properties", "AssemblyInfo.cs"));
            Assert.AreEqual(version, Regex.Match(info, "AssemblyInformationalVersion\\(\"([^\"]+)\"\\)").Groups[1].Value, nuspec);
            StringAssert.StartsWith(Regex.Match(info, "AssemblyVersion\\(\"([^\"]+)\"\\)").Groups[1].Value, version + ".", nuspec);
        }

        private static IEnumerable<(string Src, string Target)> Files(XDocument package)
        {
            XNamespace ns = package.Root.Name.Namespace;
            return package.Descendants(ns + "file").Select(f => (f.Attribute("src").Value, f.Attribute("target").Value));
        }

        private static string Describe(Dictionary<string, string> dependencies) =>
            string.Join(", ", dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + " " + d.Value));
    }
}
