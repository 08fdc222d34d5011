using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// Prints name=value lines: per operation the IL instructions nanoCLR would execute, its native calls and its
    /// allocations (<c>il.*</c>), an ESP32 time estimate from <see cref="IlPerSecondLow"/>–<see cref="IlPerSecondHigh"/>,
    /// and the nanoCLR heap the device firmware keeps after start-up (<c>heap.*</c>, see <see cref="HeapModel"/>).
    /// Run: <c>dotnet run -c Release --project tests/Benchmarks/NanoTcp.IlMeter</c>.
    /// </summary>
    public static class Program
    {
        /// <summary>
        /// The interpreter's speed on an ESP32 at 240 MHz for this kind of code, in IL instructions per second: a
        /// stated range, not a measurement here. It follows from nanoFramework's published ESP32 figure of a managed
        /// GPIO toggle loop (nanoframework/Home#1013: 27 kHz on ESP32_REV3, 81 kHz with PSRAM build, firmware
        /// 1.8.0.6) and is uncertain by up to 3×.
        /// </summary>
        public const double IlPerSecondLow = 1e6;

        /// <summary>Upper end of the range, see <see cref="IlPerSecondLow"/>.</summary>
        public const double IlPerSecondHigh = 3e6;

        /// <summary>The portable assemblies nanoCLR runs: rewritten and metered.</summary>
        private static readonly string[] Metered = { "NanoTcp.Stack", "NanoTcp.Enc28j60", "NanoTcp.Firmware", "NanoTcp.Boards" };

        public static int Main(string[] args)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nanotcp-ilmeter-" + Environment.ProcessId);
            Directory.CreateDirectory(folder);
            try
            {
                var native = new NativeMethods(NativeMethods.DefaultPath);
                var rewriter = new IlRewriter(native, Metered);
                foreach (string name in Metered)
                {
                    rewriter.Rewrite(Path.Combine(AppContext.BaseDirectory, name + ".dll"), folder);
                }
                string names = Path.Combine(folder, "methods.txt");
                File.WriteAllLines(names, rewriter.MethodNames);
                Console.WriteLine("il.native_methods_in_nanoframework_mscorlib=" + native.Count);
                Console.WriteLine("il.native_methods_called=" + string.Join(" ", rewriter.NativeCalled));
                Console.WriteLine("il.external_methods_called=" + string.Join(" ", rewriter.ExternalCalled));
                Console.WriteLine("il.esp32_il_per_second_range=" + IlPerSecondLow.ToString(CultureInfo.InvariantCulture) + "-"
                    + IlPerSecondHigh.ToString(CultureInfo.InvariantCulture));

                var context = new MeteredContext(folder);
                Assembly self = context.LoadFromAssemblyPath(typeof(Program).Assembly.Location);
                MethodInfo run = self.GetType(typeof(Workloads).FullName).GetMethod(nameof(Workloads.Run));
                run.Invoke(null, new object[] { names, IlPerSecondLow, IlPerSecondHigh });

                // The heap estimate runs on the unmodified assemblies (the rewriting adds no fields, but keep it plain).
                Estimate estimate = DeviceDefaults.Estimate();
                foreach (KeyValuePair<string, long> line in estimate.Lines())
                {
                    Console.WriteLine(line.Key + "=" + line.Value.ToString(CultureInfo.InvariantCulture));
                }
                Estimate small = DeviceDefaults.Price(NanoTcp.Firmware.Device.DeviceConfiguration.CreateSmallSettings());
                Console.WriteLine("heap.small_profile.total_kept=" + small.Total);
                Console.WriteLine("heap.small_profile.esp32_ble_left_for_application=" + (DeviceDefaults.Esp32BleHeapBytes - small.Total));
                Console.WriteLine("heap.small_profile.budget=" + DeviceDefaults.SmallProfileBudgetBytes);
                Console.WriteLine("heap.per_slot_bookkeeping=" + DeviceDefaults.PerSlotBookkeeping());
                if (Array.IndexOf(args, "--heap-detail") >= 0)
                {
                    var types = new List<KeyValuePair<string, long>>(estimate.Model.ByType);
                    types.Sort((x, y) => y.Value.CompareTo(x.Value));
                    foreach (KeyValuePair<string, long> t in types) Console.WriteLine("heap.type." + t.Key + "=" + t.Value);
                }
                return 0;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>
        /// Loads the rewritten portable assemblies, and a second copy of this program and of the emulator so that
        /// their references bind to the rewritten ones; <see cref="Meter"/> is then the copy's.
        /// </summary>
        private sealed class MeteredContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public MeteredContext(string folder) : base("metered") => _folder = folder;

            protected override Assembly Load(AssemblyName name)
            {
                string rewritten = Path.Combine(_folder, name.Name + ".dll");
                if (File.Exists(rewritten)) return LoadFromAssemblyPath(rewritten);
                string local = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
                if (name.Name.StartsWith("NanoTcp.") && File.Exists(local)) return LoadFromAssemblyPath(local);
                return null;
            }
        }
    }
}
