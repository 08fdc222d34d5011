using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The facades (tests/Compat/Facade, for the nanoFramework packages NuGet does not serve here) must never be more
    /// permissive than the real packages: every type line and member line of a built facade must appear, character
    /// for character, in the real package's listing. The listings are not part of the repository: these tests run
    /// when <see cref="RepositoryLayout.ApiListingsVariable"/> names them and are skipped (Inconclusive) otherwise.
    /// </summary>
    [TestClass]
    public sealed class FacadeListingTests
    {
        /// <summary>Facade assembly, the real listing's file name, and the facade assemblies it references.</summary>
        private static readonly (string Assembly, string RealListing, string[] References)[] Facades =
        {
            ("nanoFramework.Runtime.Events", "extra-Runtime.Events.txt", new string[0]),
            ("System.Device.Gpio", "System.Device.Gpio.txt", new[] { "nanoFramework.Runtime.Events" }),
            ("System.Device.Spi", "System.Device.Spi.txt", new[] { "nanoFramework.Runtime.Events", "System.Device.Gpio" }),
            ("nanoFramework.Runtime.Native", "extra-Runtime.Native.txt", new string[0]),
            ("nanoFramework.Hardware.Esp32", "Hardware.Esp32.txt", new[] { "nanoFramework.Runtime.Events" }),
            ("nanoFramework.TestFramework", "TestFramework.txt", new string[0]),
            ("nanoFramework.System.Text", "extra-System.Text.txt", new string[0]),
        };

        // The display name carries the skip reason: `dotnet test` prints skipped tests by name only.
        [TestMethod(DisplayName = "EveryFacadeLineIsInTheRealListing (needs NANOTCP_NF_API = the nanoFramework API listings)")]
        public void EveryFacadeLineIsInTheRealListing()
        {
            RepositoryLayout.RequireApiListings();
            var problems = new List<string>();
            foreach (var facade in Facades)
            {
                ApiListing listed = ListFacade(facade.Assembly, facade.References);
                var real = ApiListing.Load(Path.Combine(RepositoryLayout.ApiListings, facade.RealListing));
                Assert.IsTrue(listed.Types.Count > 0, facade.Assembly + ": the facade listing is empty");
                foreach (string line in listed.LinesMissingFrom(real)) problems.Add(facade.Assembly + ": " + line);
            }

            Assert.AreEqual(0, problems.Count, "Facade lines not in the real nanoFramework listings:\n" + string.Join("\n", problems));
        }

        [TestMethod(DisplayName = "AnInventedMemberIsCaught (needs NANOTCP_NF_API = the nanoFramework API listings)")]
        public void AnInventedMemberIsCaught()
        {
            // List a real facade, add a member and a type nanoFramework does not have to its listing, and compare
            // again: the comparison must name exactly those two lines, or the test above proves nothing.
            RepositoryLayout.RequireApiListings();
            string listing = Path.Combine(RepositoryLayout.Artifacts, "facade-listing", "System.Device.Spi.txt");
            ListFacade("System.Device.Spi", new[] { "nanoFramework.Runtime.Events", "System.Device.Gpio" });
            string invented = Path.Combine(RepositoryLayout.Artifacts, "facade-listing", "invented.txt");
            File.WriteAllText(invented, File.ReadAllText(listing) +
                "namespace System.Device.Spi; public class SpiDevice : System.IDisposable\n  public void WriteRead(byte[] buffer)\n" +
                "namespace System.Device.Spi; public static class SpiBusScanner\n");

            var real = ApiListing.Load(Path.Combine(RepositoryLayout.ApiListings, "System.Device.Spi.txt"));
            List<string> missing = ApiListing.Load(invented).LinesMissingFrom(real);
            CollectionAssert.Contains(missing, "namespace System.Device.Spi; public class SpiDevice : System.IDisposable\n    public void WriteRead(byte[] buffer)");
            CollectionAssert.Contains(missing, "namespace System.Device.Spi; public static class SpiBusScanner");
            Assert.AreEqual(2, missing.Count, string.Join("\n", missing));
        }

        private static ApiListing ListFacade(string assembly, string[] references)
        {
            var paths = new List<string> { CompatProjects.RealMscorlib };
            foreach (string reference in references) paths.Add(FacadeOutput(reference));
            string output = Path.Combine(RepositoryLayout.Artifacts, "facade-listing", assembly + ".txt");
            ApiDumpTool.ListAssembly(FacadeOutput(assembly), paths, output);
            return ApiListing.Load(output);
        }

        private static string FacadeOutput(string assembly)
        {
            string path = Path.Combine(RepositoryLayout.RepoPath("tests/Compat/Facade/Facade." + assembly), "bin",
                RepositoryLayout.Configuration, "netstandard2.0", assembly + ".dll");
            Assert.IsTrue(File.Exists(path), path + " was not built (it is part of nanoTcp.sln)");
            return path;
        }
    }
}
