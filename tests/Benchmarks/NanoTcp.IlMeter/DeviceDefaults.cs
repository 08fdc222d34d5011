using System;
using System.Collections.Generic;
using System.Reflection;
using NanoTcp.Boards;
using NanoTcp.Enc28j60;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Firmware;
using NanoTcp.Firmware.Device;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// The firmware exactly as firmware/Device/Program.cs builds it from firmware/Device/DeviceConfiguration.cs,
    /// with the ENC28J60 emulator standing in for the SPI bus and a host stand-in for the ESP32 platform, priced by
    /// <see cref="HeapModel"/> after start-up. Shared by the IL meter (heap.* lines) and the firmware's budget test.
    /// </summary>
    public static class DeviceDefaults
    {
        /// <summary>ESP32_REV0 managed heap without PSRAM, bytes (nanoFramework measured ≈ 79 KB, nf-interpreter PR #2168).</summary>
        public const int Esp32HeapBytes = 79 * 1024;

        /// <summary>The same image with Bluetooth LE enabled, bytes (≈ 49 KB).</summary>
        public const int Esp32BleHeapBytes = 49 * 1024;

        /// <summary>Most the firmware may keep (objects, statics and assemblies) so the user's application has ≥ 30 KB.</summary>
        public const int FirmwareBudgetBytes = 40 * 1024;

        /// <summary>Most the small profile may keep so a 49 KB (BLE) heap leaves ≥ 15 KB for the application.</summary>
        public const int SmallProfileBudgetBytes = 34 * 1024;

        /// <summary>Most one connection slot may keep beyond its two buffers (issue 11: 864 B before the connection state was packed).</summary>
        public const int PerSlotBookkeepingBudgetBytes = 300;

        /// <summary>Builds and prices the device defaults (what <c>DeviceConfiguration.CreateSettings</c> returns).</summary>
        public static Estimate Estimate() => Price(DeviceConfiguration.CreateSettings());

        /// <summary>
        /// What one more TCP connection slot costs beyond its send and receive buffers (the connection object, its
        /// helpers and small arrays, its share of per-slot tables), bytes: the standard settings priced with
        /// ConnectionSlots = n and n + 1, minus the two buffers.
        /// </summary>
        public static long PerSlotBookkeeping()
        {
            FirmwareSettings settings = DeviceConfiguration.CreateStandardSettings();
            int slots = settings.Stack.ConnectionSlots;
            long without = Price(settings).Total;
            settings = DeviceConfiguration.CreateStandardSettings();
            settings.Stack.ConnectionSlots = slots + 1;
            long with = Price(settings).Total;
            return with - without - HeapModel.PriceOf(new byte[settings.Stack.SendBufferSize])
                - HeapModel.PriceOf(new byte[settings.Stack.ReceiveBufferSize]);
        }

        /// <summary>Builds the firmware with <paramref name="settings"/> over the emulator and prices what it keeps.</summary>
        public static Estimate Price(FirmwareSettings settings)
        {
            BoardDefinition board = DeviceConfiguration.SelectBoard();
            var chip = new Enc28j60Chip(new Enc28j60ChipOptions());
            chip.LinkUp = true;
            var options = new Enc28j60Options
            {
                MacAddress = settings.MacAddress,
                FullDuplex = DeviceConfiguration.FullDuplex,
                SpiClockHz = board.SpiClockHz,
            };
            var driver = new Enc28j60Driver(chip, new ChipClock(chip), options, null, null);
            if (driver.Initialize() != Enc28j60InitResult.Success) throw new InvalidOperationException("emulated ENC28J60 did not initialise");
            var platform = new StandInPlatform(board.Name, new Enc28j60LinkStatus(driver, DeviceConfiguration.FullDuplex));
            var application = new FirmwareApplication(settings, driver, platform);
            application.Poll(1000);

            var model = new HeapModel();
            model.Exclude(typeof(Enc28j60Chip).Assembly);
            model.Exclude(typeof(DeviceDefaults).Assembly);
            model.Add("driver", driver);
            model.Add("stack", application.Stack);
            foreach (FieldInfo field in typeof(FirmwareApplication).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
            {
                model.Add(ComponentName(field.Name), field.GetValue(application));
            }
            model.Add("board", board);
            model.AddStatics("statics", new[]
            {
                typeof(NetworkStack).Assembly, typeof(Enc28j60Driver).Assembly, typeof(FirmwareApplication).Assembly,
                typeof(BoardDefinition).Assembly,
            });
            // On the device the boards compile into the firmware assembly: three application assemblies.
            model.AddFixed("assemblies", 3 * HeapModel.AssemblyAllowance);
            return new Estimate(model);
        }

        // "<Telnet>k__BackingField" → "telnet", "_services" → "services".
        private static string ComponentName(string field)
        {
            string name = field.StartsWith("<") ? field.Substring(1, field.IndexOf('>') - 1) : field.TrimStart('_');
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        /// <summary>The driver's clock on the emulator's virtual time (delays advance the chip).</summary>
        internal sealed class ChipClock : IMicrosecondClock
        {
            private readonly Enc28j60Chip _chip;

            public ChipClock(Enc28j60Chip chip) => _chip = chip;

            public long NowMicroseconds => _chip.NowMicroseconds;

            public void Delay(int microseconds) => _chip.AdvanceTime(microseconds);
        }

        /// <summary>Stands in for the ESP32 platform (a name and the link status: a few dozen bytes on the device).</summary>
        private sealed class StandInPlatform : IFirmwarePlatform
        {
            public StandInPlatform(string board, ILinkStatus link)
            {
                BoardName = board;
                LinkStatus = link;
            }

            public string BoardName { get; }

            public long BootTimeMs => 0;

            public bool CanReboot => false;

            public ILinkStatus LinkStatus { get; }

            public void Log(string line) { }

            public void Reboot() { }

            public bool GetMemoryInfo(out uint totalBytes, out uint freeBytes, out uint largestFreeBlock)
            {
                totalBytes = freeBytes = largestFreeBlock = 0;
                return false;
            }
        }
    }

    /// <summary>What <see cref="DeviceDefaults"/> found: bytes per component and in total.</summary>
    public sealed class Estimate
    {
        public Estimate(HeapModel model) => Model = model;

        /// <summary>The priced components.</summary>
        public HeapModel Model { get; }

        /// <summary>Everything the firmware keeps, assemblies included.</summary>
        public long Total => Model.Total;

        /// <summary>name=value pairs for the benchmark output.</summary>
        public IEnumerable<KeyValuePair<string, long>> Lines()
        {
            foreach (KeyValuePair<string, long> c in Model.Components) yield return new KeyValuePair<string, long>("heap." + c.Key, c.Value);
            yield return new KeyValuePair<string, long>("heap.total_kept", Total);
            yield return new KeyValuePair<string, long>("heap.esp32_rev0_left_for_application", DeviceDefaults.Esp32HeapBytes - Total);
            yield return new KeyValuePair<string, long>("heap.budget", DeviceDefaults.FirmwareBudgetBytes);
        }
    }
}
