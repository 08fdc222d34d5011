using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The compat build (tests/Compat) proves the portable code compiles against nanoFramework's API; this
    /// proves the compiled IL uses nothing nanoFramework 1.x compiles but cannot run (nanoframework/nanoframework.github.io: content/architecture/simplifications-and-trade-offs.md; nanoframework/nf-interpreter: src/CLR/Core/Interpreter.cpp).
    /// </summary>
    [TestClass]
    public sealed class NanoFrameworkSubsetTests
    {
        /// <summary>Each device assembly as the compat build produced it.</summary>
        public static IEnumerable<object[]> DeviceAssemblies()
        {
            foreach (string project in CompatProjects.All)
            {
                yield return new object[] { project };
            }
        }

        [TestMethod]
        [DynamicData(nameof(DeviceAssemblies))]
        public void DeviceAssemblyUsesOnlyWhatNanoFrameworkRuns(string project)
        {
            string path = CompatProjects.OutputOf(project);
            Assert.IsTrue(File.Exists(path), path + " was not built (it is part of nanoTcp.sln)");
            List<string> findings = NanoFrameworkSubsetScanner.Scan(path);
            Assert.AreEqual(0, findings.Count, project + ":\n" + string.Join("\n", findings));
        }

        [TestMethod]
        public void TheScannerSeesGenericsAndMultiDimensionalArrays()
        {
            // This test assembly uses List<T>, Dictionary<K,V> and a [,] array below: the scan must report them.
            List<string> findings = NanoFrameworkSubsetScanner.Scan(typeof(NanoFrameworkSubsetTests).Assembly.Location);
            Assert.IsTrue(findings.Exists(f => f.Contains("generic instantiation")), string.Join("\n", findings));
            Assert.IsTrue(findings.Exists(f => f.Contains("multi-dimensional array")), string.Join("\n", findings));
            Assert.IsTrue(findings.Exists(f => f.Contains("checked arithmetic")), string.Join("\n", findings));
        }

        // Canary for the test above: never called, only compiled.
        private static int Canary(int a, int b)
        {
            var grid = new int[2, 2];
            grid[0, 0] = a;
            return checked(grid[0, 0] + b);
        }
    }
}
