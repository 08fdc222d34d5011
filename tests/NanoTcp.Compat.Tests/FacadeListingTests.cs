using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The facade (tests/Compat/Facade) must never be more permissive than the real nanoFramework packages:
    /// every type line and member line it declares must appear, character for character, in the listing of
    /// the real package in ../shared/nanoframework-api/.
    /// </summary>
    [TestClass]
    public sealed class FacadeListingTests
    {
        private static readonly (string Assembly, string RealListing, string[] References)[] Packages =
        {
            ("mscorlib", "CoreLibrary.txt", new string[0]),
            ("nanoFramework.Runtime.Events", "extra-Runtime.Events.txt", new[] { "mscorlib" }),
            ("System.Device.Gpio", "System.Device.Gpio.txt", new[] { "mscorlib", "nanoFramework.Runtime.Events" }),
            ("System.Device.Spi", "System.Device.Spi.txt", new[] { "mscorlib", "nanoFramework.Runtime.Events", "System.Device.Gpio" }),
            ("nanoFramework.Runtime.Native", "extra-Runtime.Native.txt", new[] { "mscorlib" }),
            ("nanoFramework.Hardware.Esp32", "Hardware.Esp32.txt", new[] { "mscorlib", "nanoFramework.Runtime.Events" }),
            ("nanoFramework.TestFramework", "TestFramework.txt", new[] { "mscorlib" }),
        };

        [TestMethod]
        public void EveryFacadeLineIsInTheRealListing()
        {
            string facadeRoot = RepositoryLayout.RepoPath("tests/Compat/Facade");
            string output = ListFacade(facadeRoot, "facade-listing");

            var problems = new List<string>();
            foreach (var package in Packages)
            {
                var facade = ApiListing.Load(Path.Combine(output, package.Assembly + ".txt"));
                var real = ApiListing.Load(Path.Combine(RepositoryLayout.ApiListings, package.RealListing));
                Assert.IsTrue(facade.Types.Count > 0, package.Assembly + ": the facade listing is empty");
                foreach (string line in facade.LinesMissingFrom(real)) problems.Add(package.Assembly + ": " + line);
            }

            Assert.AreEqual(0, problems.Count, "Facade lines not in the real nanoFramework listings:\n" + string.Join("\n", problems));
        }

        [TestMethod]
        public void AnInventedMemberIsCaught()
        {
            // Copy the facade, add one member nanoFramework does not have, and list it again: the comparison
            // must name exactly that member, or the test above proves nothing.
            string copy = Path.Combine(RepositoryLayout.Artifacts, "facade-invented");
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
            foreach (var package in Packages)
            {
                string from = RepositoryLayout.RepoPath("tests/Compat/Facade/" + package.Assembly);
                string to = Path.Combine(copy, package.Assembly);
                Directory.CreateDirectory(to);
                foreach (string file in Directory.GetFiles(from, "*.cs")) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
            File.WriteAllText(Path.Combine(copy, "mscorlib", "Invented.cs"),
                "namespace System { public static partial class Console2 { } public static class Math { public static int Min(int a, int b) => throw null; } }");

            string output = ListFacade(copy, "facade-invented-listing");
            var facade = ApiListing.Load(Path.Combine(output, "mscorlib.txt"));
            var real = ApiListing.Load(Path.Combine(RepositoryLayout.ApiListings, "CoreLibrary.txt"));

            List<string> missing = facade.LinesMissingFrom(real);
            CollectionAssert.Contains(missing, "namespace System; public static class Math");
            CollectionAssert.Contains(missing, "namespace System; public static class Console2");
            Assert.AreEqual(2, missing.Count, string.Join("\n", missing));
        }

        private static string ListFacade(string facadeRoot, string outputName)
        {
            var units = new List<ApiDumpTool.Unit>();
            foreach (var package in Packages)
            {
                units.Add(new ApiDumpTool.Unit(package.Assembly, Path.Combine(facadeRoot, package.Assembly), package.References));
            }
            string output = Path.Combine(RepositoryLayout.Artifacts, outputName);
            ApiDumpTool.List(units, output);
            return output;
        }
    }
}
