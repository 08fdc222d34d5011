using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The compat build compiles against the real mscorlib of nanoFramework.CoreLibrary (the identity the .nfproj
    /// files reference), not a hand-written stand-in.
    /// </summary>
    [TestClass]
    public sealed class RealMscorlibTests
    {
        [TestMethod]
        [DynamicData(nameof(NanoFrameworkSubsetTests.DeviceAssemblies), typeof(NanoFrameworkSubsetTests))]
        public void DeviceAssemblyReferencesTheCoreLibraryPackagesMscorlib(string project)
        {
            string path = CompatProjects.OutputOf(project);
            Assert.IsTrue(File.Exists(path), path + " was not built (it is part of nanoTcp.sln)");
            using var pe = new PEReader(File.OpenRead(path));
            MetadataReader metadata = pe.GetMetadataReader();
            AssemblyReference mscorlib = metadata.AssemblyReferences.Select(metadata.GetAssemblyReference)
                .Single(r => metadata.GetString(r.Name) == "mscorlib");
            Assert.AreEqual(new Version(1, 17, 11, 0), mscorlib.Version, project);
            Assert.AreEqual("c07d481e9758c731", Convert.ToHexString(metadata.GetBlobBytes(mscorlib.PublicKeyOrToken)).ToLowerInvariant(), project);
        }

        [TestMethod]
        public void TheCompatBuildHasNoMscorlibFacade()
        {
            Assert.IsTrue(File.Exists(CompatProjects.RealMscorlib), CompatProjects.RealMscorlib + " (restored by the compat build)");
            string[] standIns = Directory.GetFiles(RepositoryLayout.RepoPath("tests/Compat"), "*.csproj", SearchOption.AllDirectories)
                .Where(p => File.ReadAllText(p).Contains("<AssemblyName>mscorlib</AssemblyName>")).ToArray();
            Assert.AreEqual(0, standIns.Length, "a project builds its own mscorlib: " + string.Join(", ", standIns));
        }
    }
}
