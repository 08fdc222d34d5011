using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Transmit engine: control byte, padding/CRC, timing, TSV (ENC28J60 facts §6, §11.4).</summary>
    [TestClass]
    public sealed class TransmitTests
    {
        [TestMethod]
        public void ShortFrame_PaddedTo60_TsvCounts64()
        {
            var spi = RawSpi.Initialised();
            byte[] arp = RawSpi.Frame(42, RawSpi.Broadcast, type: 0x0806);
            spi.StartSend(arp);
            Assert.AreEqual(0x00, spi.Chip.PeekBuffer(RawSpi.TxStart), "control byte");
            Assert.AreEqual(A.TXRTS, spi.Rcr(A.ECON1) & A.TXRTS, "TXRTS stays set while the frame is on the wire");
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(A.TXIF, spi.Rcr(A.EIR) & (A.TXIF | A.TXERIF));
            Assert.AreEqual(1, spi.Wire.Frames.Count);
            var expected = new byte[60];
            Array.Copy(arp, expected, 42);
            CollectionAssert.AreEqual(expected, spi.Wire.Frames[0]);
            byte[] tsv = spi.ReadTsv(42);
            Assert.AreEqual(64, tsv[0] | (tsv[1] << 8));
            Assert.AreEqual(0x80, tsv[2] & 0x80, "done");
            Assert.AreEqual(0x02, tsv[3] & 0x02, "broadcast");
            Assert.AreEqual(0, tsv[3] & 0x70, "no abort bits");
            CollectionAssert.AreEqual(RawSpi.WithFcs(expected), spi.Chip.LastTransmittedFrameWithFcs, "MAC appended a correct FCS");
        }

        [TestMethod]
        public void FullFrame_TakesWireTimeAndReportsDone()
        {
            var spi = RawSpi.Initialised();
            byte[] frame = RawSpi.Frame(1514, RawSpi.Mac);
            spi.StartSend(frame);
            long started = spi.Chip.NowMicroseconds;
            spi.Chip.AdvanceTime(1000);
            Assert.AreEqual(A.TXRTS, spi.Rcr(A.ECON1) & A.TXRTS, "1538 byte-times = 1230 µs");
            Assert.IsTrue(spi.WaitTxDone());
            Assert.IsTrue(spi.Chip.NowMicroseconds - started >= 1230);
            byte[] tsv = spi.ReadTsv(1514);
            Assert.AreEqual(1518, tsv[0] | (tsv[1] << 8));
            Assert.AreEqual(0x80, tsv[2] & 0x80);
            CollectionAssert.AreEqual(frame, spi.Wire.Frames[0]);
        }

        [TestMethod]
        public void InstantTransmit_CompletesBeforeNextTransaction()
        {
            var options = RawSpi.Ideal();
            options.InstantTransmit = true;
            var spi = new RawSpi(options);
            spi.Init();
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.AreEqual(0, spi.Rcr(A.ECON1) & A.TXRTS);
            Assert.AreEqual(1, spi.Wire.Frames.Count);
        }

        [TestMethod]
        public void ControlByteOverride_HostCrcCheckedAndStripped()
        {
            var spi = RawSpi.Initialised();
            byte[] frame = RawSpi.WithFcs(RawSpi.Frame(60, RawSpi.Mac));
            spi.StartSend(frame, control: 0x01); // POVERRIDE, no PCRCEN: last 4 bytes are the CRC
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(60, spi.Wire.Frames[0].Length);
            Assert.AreEqual(0, spi.ReadTsv(64)[2] & 0x10, "CRC ok");

            byte[] bad = RawSpi.WithFcs(RawSpi.Frame(60, RawSpi.Mac), corrupt: true);
            spi.StartSend(bad, control: 0x01);
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(0x10, spi.ReadTsv(64)[2] & 0x10, "CRC error reported");
            Assert.AreEqual(1, spi.Wire.Frames.Count, "a frame with a bad FCS never reaches a TAP peer");
        }

        [TestMethod]
        public void GiantFrame_Aborts()
        {
            var spi = RawSpi.Initialised();
            byte[] frame = RawSpi.Frame(1600, RawSpi.Mac);
            spi.StartSend(frame);
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(A.TXIF | A.TXERIF, spi.Rcr(A.EIR) & (A.TXIF | A.TXERIF));
            Assert.AreEqual(0x40, spi.ReadTsv(1600)[3] & 0x40, "giant");
            Assert.AreEqual(0, spi.Wire.Frames.Count);
        }

        [TestMethod]
        public void HostClearingTxrts_CancelsWithTxif()
        {
            var spi = RawSpi.Initialised();
            spi.StartSend(RawSpi.Frame(1000, RawSpi.Mac));
            spi.Bfc(A.ECON1, A.TXRTS);
            Assert.AreEqual(A.TXIF, spi.Rcr(A.EIR) & A.TXIF);
            spi.Chip.AdvanceTime(2000);
            Assert.AreEqual(0, spi.Wire.Frames.Count);
            Assert.AreEqual(1, spi.Chip.TransmitCancellations);
        }

        [TestMethod]
        public void Strict_TouchingTxBufferPointersOrConfigurationWhileTxrtsIsViolation()
        {
            var spi = RawSpi.Initialised(strict: false);
            spi.StartSend(RawSpi.Frame(1000, RawSpi.Mac));
            spi.Write16(0, A.EWRPTL, RawSpi.TxStart + 10);
            spi.Wbm(0x00);
            Assert.AreEqual(1, spi.Chip.ViolationCount);
            spi.Write16(0, A.ETXNDL, RawSpi.TxStart + 20);
            Assert.AreEqual(3, spi.Chip.ViolationCount);
            spi.Write16(0, A.ERDPTL, RawSpi.TxStart + 5);
            spi.Rbm(4);
            Assert.AreEqual(4, spi.Chip.ViolationCount, "reading the frame (DS §7.1)");
            spi.Write(2, A.MACON3, 0x33);
            Assert.AreEqual(5, spi.Chip.ViolationCount, "transmit configuration (DS Table 7-2)");
            spi.Bank(0);
            spi.Bfs(A.ECON1, A.TXRTS);
            Assert.AreEqual(6, spi.Chip.ViolationCount);
            StringAssert.Contains(spi.Chip.LastViolation, "still pending");
        }

        [TestMethod]
        public void Strict_DuplexMismatchFlaggedAtTxrts()
        {
            var spi = RawSpi.Initialised(strict: false);
            spi.Write(2, A.MACON3, 0x32); // MAC half duplex, PHY still full
            spi.Bank(0);
            spi.Bfs(A.ECON1, A.TXRTS);
            StringAssert.Contains(spi.Chip.Violations[0], "PDPXMD");
            StringAssert.Contains(spi.Chip.Violations[1], "MABBIPG");
        }

        [TestMethod]
        public void TxrtsWhileTxrstHeld_StartsWhenTxrstIsReleased()
        {
            var spi = RawSpi.Initialised();
            byte[] frame = RawSpi.Frame(100, RawSpi.Mac);
            spi.Write16(0, A.EWRPTL, RawSpi.TxStart);
            var bytes = new byte[frame.Length + 1];
            System.Array.Copy(frame, 0, bytes, 1, frame.Length);
            spi.Wbm(bytes);
            spi.Write16(0, A.ETXNDL, RawSpi.TxStart + frame.Length);
            spi.Bfs(A.ECON1, A.TXRST);
            spi.Bfs(A.ECON1, A.TXRTS);
            spi.Chip.AdvanceTime(500);
            Assert.AreEqual(0, spi.Wire.Frames.Count, "held in reset");
            spi.Bfc(A.ECON1, A.TXRST);
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(1, spi.Wire.Frames.Count);
        }

        [TestMethod]
        public void DmaStartedDuringTransmit_WaitsForTheTransmitter()
        {
            var spi = RawSpi.Initialised();
            spi.StartSend(RawSpi.Frame(1000, RawSpi.Mac));
            spi.Write16(0, A.EDMASTL, 0x1000);
            spi.Write16(0, A.EDMANDL, 0x1003);
            spi.Write16(0, A.EDMADSTL, 0x1100);
            spi.Bfs(A.ECON1, A.DMAST);
            spi.Chip.AdvanceTime(100);
            Assert.AreEqual(A.DMAST, spi.Rcr(A.ECON1) & A.DMAST, "DMA waits while TXRTS is set");
            Assert.IsTrue(spi.WaitTxDone());
            spi.Chip.AdvanceTime(10);
            Assert.AreEqual(0, spi.Rcr(A.ECON1) & A.DMAST);
            Assert.AreEqual(A.DMAIF, spi.Rcr(A.EIR) & A.DMAIF);
        }

        [TestMethod]
        public void TxabrtIsStickyUntilCleared()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.InjectTxAbort();
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(A.TXABRT, spi.Rcr(A.ESTAT) & A.TXABRT);
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(A.TXABRT, spi.Rcr(A.ESTAT) & A.TXABRT, "a good frame does not clear TXABRT (zephyr#72092)");
            Assert.AreEqual(0x80, spi.ReadTsv(100)[2] & 0x80);
            spi.Bfc(A.ESTAT, A.TXABRT);
            Assert.AreEqual(0, spi.Rcr(A.ESTAT) & A.TXABRT);
        }
    }
}
