using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Device;
using NanoTcp.IlMeter;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>
    /// The device's settings (firmware/Device/DeviceConfiguration.cs), built as the ESP32 entry point builds them
    /// over the ENC28J60 emulator, must fit the boards users own by the nanoCLR heap model of
    /// <see cref="HeapModel"/>: the standard profile ≤ 40 KB kept (ESP32_REV0's 79 KB heap keeps ≥ 30 KB for the
    /// application), the small profile ≤ 34 KB (a 49 KB BLE image keeps ≥ 15 KB).
    /// </summary>
    [TestClass]
    public sealed class MemoryBudgetTests
    {
        [TestMethod]
        public void DeviceDefaultsFitEsp32Rev0WithThirtyKilobytesToSpare()
        {
            Estimate estimate = DeviceDefaults.Estimate();
            Assert.IsTrue(estimate.Total <= DeviceDefaults.FirmwareBudgetBytes,
                "the device defaults keep " + estimate.Total + " B > " + DeviceDefaults.FirmwareBudgetBytes + " B:\n" + Describe(estimate));
            Assert.IsTrue(DeviceDefaults.Esp32HeapBytes - estimate.Total >= 30 * 1024, Describe(estimate));
        }

        [TestMethod]
        public void SmallProfileFitsABluetoothImage()
        {
            Estimate estimate = DeviceDefaults.Price(DeviceConfiguration.CreateSmallSettings());
            Assert.IsTrue(estimate.Total <= DeviceDefaults.SmallProfileBudgetBytes,
                "the small profile keeps " + estimate.Total + " B > " + DeviceDefaults.SmallProfileBudgetBytes + " B:\n" + Describe(estimate));
        }

        [TestMethod]
        public void AConnectionSlotKeepsLittleBeyondItsBuffers()
        {
            // Slots are what a PSRAM image raises first: each should cost its two buffers and little more.
            long bookkeeping = DeviceDefaults.PerSlotBookkeeping();
            Assert.IsTrue(bookkeeping <= DeviceDefaults.PerSlotBookkeepingBudgetBytes,
                "one more connection slot keeps " + bookkeeping + " B beyond its buffers > " + DeviceDefaults.PerSlotBookkeepingBudgetBytes + " B");
        }

        [TestMethod]
        public void TheBudgetCatchesSettingsThatDoNotFit()
        {
            // The defaults before issue 11 (8 slots of 2 KB + 2 KB, two connections per service) kept ≈ 80 KB (less
            // as the connection bookkeeping shrinks): the same check must reject them, or the tests above prove nothing.
            FirmwareSettings settings = DeviceConfiguration.CreateStandardSettings();
            settings.Stack.ConnectionSlots = 8;
            settings.Stack.SendBufferSize = 2048;
            settings.Stack.ReceiveBufferSize = 2048;
            settings.ServiceConnections = 2;
            Estimate estimate = DeviceDefaults.Price(settings);
            Assert.IsTrue(estimate.Total > DeviceDefaults.FirmwareBudgetBytes, Describe(estimate));
        }

        [TestMethod]
        public void TheModelPricesObjectsAsNanoClrDoes()
        {
            // Figures the interpreter reported (issue 11): a 2,048-byte TCP buffer takes 2,076 B, a bool[1001] 1,032 B,
            // an object 12 B per field plus 12.
            Assert.AreEqual(2076, HeapModel.PriceOf(new byte[2048]));
            Assert.AreEqual(1032, HeapModel.PriceOf(new bool[1001]));
            Assert.AreEqual(12 + 3 * 12, HeapModel.PriceOf(new ThreeFields()));
            Assert.AreEqual(12 * 4 + 20 + 4, HeapModel.PriceOf(new object[4]), "references are 12-byte blocks");
            var model = new HeapModel();
            var shared = new byte[100];
            model.Add("a", new Holder { A = shared, B = shared });
            Assert.AreEqual(12 + 2 * 12 + 120, model.Total, "an object reached twice is priced once");
        }

        private static string Describe(Estimate estimate) =>
            string.Join("\n", estimate.Lines().Select(l => l.Key + "=" + l.Value));

        private sealed class ThreeFields
        {
#pragma warning disable CS0169, CS0649 // only counted
            private int _a;
            private bool _b;
            private object _c;
#pragma warning restore CS0169, CS0649
        }

        private sealed class Holder
        {
            public byte[] A;
            public byte[] B;
        }
    }
}
