using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// The compat build (tests/Compat) proves the portable code compiles against nanoFramework's API; this
    /// proves the compiled IL uses nothing nanoFramework 1.x compiles but cannot run, and no user-defined struct
    /// (nanoCLR heap-allocates each struct local per call and each struct value it loads; see
    /// <see cref="NanoFrameworkSubsetScanner"/>).
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
            Assert.AreEqual(0, findings.Count, project + ": " + findings.Count + " finding(s)\n" + string.Join("\n", findings));
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

        [TestMethod]
        public void TheScannerSeesEveryUseOfAStruct()
        {
            // StructCanary below is a struct used as a local, a parameter, a return value, a field and a boxed value.
            List<string> findings = NanoFrameworkSubsetScanner.Scan(typeof(NanoFrameworkSubsetTests).Assembly.Location);
            string all = string.Join("\n", findings);
            string canary = "NanoFrameworkSubsetTests.StructCanaryUser";
            Assert.IsTrue(findings.Exists(f => f.StartsWith("struct NanoTcp.Compat.Tests.StructCanary is defined")), all);
            Assert.IsTrue(findings.Exists(f => f.Contains(canary) && f.Contains(": struct local NanoTcp.Compat.Tests.StructCanary")), all);
            Assert.IsTrue(findings.Exists(f => f.Contains(canary) && f.Contains(": by-value struct parameter")), all);
            Assert.IsTrue(findings.Exists(f => f.Contains(canary) && f.Contains(": struct return value")), all);
            Assert.IsTrue(findings.Exists(f => f.Contains(canary) && f.Contains(": box of struct")), all);
            Assert.IsTrue(findings.Exists(f => f.Contains(canary) && f.Contains(": initobj of struct")), all);
            Assert.IsTrue(findings.Exists(f => f.Contains("_structField: field of struct type")), all);
            Assert.IsFalse(findings.Exists(f => f.Contains("EnumCanary")), "an enum is not a struct:\n" + all);
        }

        // Canaries for the tests above: never called, only compiled.
        private static int Canary(int a, int b)
        {
            var grid = new int[2, 2];
            grid[0, 0] = a;
            return checked(grid[0, 0] + b);
        }

        private static StructCanary _structField;

        private static StructCanary StructCanaryUser(StructCanary value, EnumCanary kind)
        {
            StructCanary local = default;
            local.Value = value.Value + (int)kind;
            _structField = local;
            object boxed = local;
            return boxed.GetHashCode() == 0 ? local : value;
        }
    }

    /// <summary>A user-defined value type: what the device assemblies must not contain.</summary>
    internal struct StructCanary
    {
        public int Value;
    }

    /// <summary>Enums are stored as their underlying integer on nanoCLR: allowed.</summary>
    internal enum EnumCanary
    {
        None,
    }
}
