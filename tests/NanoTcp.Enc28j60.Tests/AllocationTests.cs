using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>The brief's allocation rule: nothing is allocated after construction (the emulator's share excluded).</summary>
    [TestClass]
    public sealed class AllocationTests
    {
        /// <summary>Counts what the emulator allocates, so only the driver's own allocations remain.</summary>
        private sealed class MeteredBus : ISpiBus, IMicrosecondClock
        {
            private readonly Enc28j60Chip _chip;

            public MeteredBus(Enc28j60Chip chip)
            {
                _chip = chip;
            }

            public long EmulatorBytes { get; private set; }

            public long NowMicroseconds => _chip.NowMicroseconds;

            public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                _chip.TransferFullDuplex(write, writeOffset, read, readOffset, count);
                EmulatorBytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            public void Delay(int microseconds)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                _chip.AdvanceTime(microseconds);
                EmulatorBytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        [TestMethod]
        public void Driver_AllocatesNothingAfterConstruction_ThroughTrafficFaultsAndRecovery()
        {
            var chip = new Enc28j60Chip(new Enc28j60ChipOptions { Strict = true });
            var bus = new MeteredBus(chip);
            var driver = new Enc28j60Driver(bus, bus, new Enc28j60Options { MacAddress = Rig.OurMac, FullDuplex = false });
            var rxFrames = new byte[8][];
            var txFrames = new byte[8][];
            for (int i = 0; i < 8; i++)
            {
                rxFrames[i] = Rig.MakeFrame(Rig.OurMac, 60 + 180 * i, i);
                txFrames[i] = Rig.MakeOutgoingFrame(60 + 180 * i, 100 + i);
            }

            var buffer = new byte[1600];
            long driverBytes = 0;
            Assert.AreEqual(Enc28j60InitResult.Success, driver.Initialize());
            for (int round = 0; round < 200; round++)
            {
                // Faults are armed outside the measured calls; the emulator allocates while storing frames.
                switch (round % 25)
                {
                    case 3: chip.CorruptNextReceiveHeader(); break;
                    case 7: chip.InjectRxOverflow(); break;
                    case 11: chip.InjectLateCollision(); break;
                    case 13: chip.InjectTxAbort(); break;
                    case 17: chip.InjectTxHang(); break;
                    case 19: chip.FlapLink(); break;
                }

                chip.ReceiveFromWire(rxFrames[round % 8], 0, rxFrames[round % 8].Length);
                chip.ReceiveFromWire(rxFrames[(round + 3) % 8], 0, rxFrames[(round + 3) % 8].Length);

                long emulatorBefore = bus.EmulatorBytes;
                long before = GC.GetAllocatedBytesForCurrentThread();
                if (round == 150)
                {
                    // A re-initialisation (the recovery path) is measured too.
                    driver.Initialize();
                }

                while (driver.Receive(buffer, 0, buffer.Length) > 0)
                {
                }

                driver.Transmit(txFrames[round % 8], 0, txFrames[round % 8].Length);
                driver.Service();
                driver.FlushTransmit();
                driverBytes += GC.GetAllocatedBytesForCurrentThread() - before - (bus.EmulatorBytes - emulatorBefore);
                chip.AdvanceTime(round % 50 == 0 ? 1_100_000 : 300);
            }

            Assert.AreEqual(0, driverBytes, "bytes allocated by the driver");
            Assert.IsTrue(driver.Counters.ReceiveResets + driver.Counters.TransmitHangs + driver.Counters.TransmitRetries > 0);
            Assert.AreEqual(0, chip.ViolationCount, chip.LastViolation);
        }
    }
}
