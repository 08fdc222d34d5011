using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>The chip allocates nothing inside SPI transactions and time steps once warm, so allocation
    /// measurements of a driver running on it see only the driver's own allocations.</summary>
    [TestClass]
    public sealed class AllocationTests
    {
        [TestMethod]
        public void SpiTransactionsAndTimeStepsAllocateNothing()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.Wire = null;
            var frame = new byte[1 + 1 + 600];
            frame[0] = 0x7A;
            var read = new byte[frame.Length];
            byte[] etxndL = { 0x40 | A.ETXNDL, (byte)((RawSpi.TxStart + 600) & 0xFF) };
            byte[] etxndH = { 0x40 | A.ETXNDL + 1, (byte)((RawSpi.TxStart + 600) >> 8) };
            byte[] ewrptL = { 0x40 | A.EWRPTL, (byte)(RawSpi.TxStart & 0xFF) };
            byte[] ewrptH = { 0x40 | A.EWRPTL + 1, (byte)(RawSpi.TxStart >> 8) };
            byte[] txrts = { 0x80 | A.ECON1, A.TXRTS };
            byte[] eir = { A.EIR, 0 };
            byte[] erdptL = { 0x40 | A.ERDPTL, 0 };
            byte[] erdptH = { 0x40 | A.ERDPTL + 1, 0 };
            byte[] rbm = new byte[1 + 6 + 64];
            rbm[0] = 0x3A;
            byte[] arrival = RawSpi.Frame(60, RawSpi.Broadcast);

            void Round()
            {
                spi.Chip.TransferFullDuplex(ewrptL, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(ewrptH, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(frame, 0, read, 0, frame.Length);
                spi.Chip.TransferFullDuplex(etxndL, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(etxndH, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(txrts, 0, read, 0, 2);
                spi.Chip.AdvanceTime(1000);
                spi.Chip.TransferFullDuplex(eir, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(erdptL, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(erdptH, 0, read, 0, 2);
                spi.Chip.TransferFullDuplex(rbm, 0, read, 0, rbm.Length);
            }

            spi.Chip.ReceiveFromWire(arrival, 0, arrival.Length);
            Round();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                Round();
            }

            Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(21, spi.Chip.FramesTransmitted);
            Assert.AreEqual(0, spi.Chip.ViolationCount);
        }
    }
}
