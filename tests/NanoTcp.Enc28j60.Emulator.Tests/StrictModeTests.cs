using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Protocol rules strict mode enforces beyond the per-area tests (ENC28J60 facts §11.1, §11.2, §11.6 check 5).</summary>
    [TestClass]
    public sealed class StrictModeTests
    {
        [TestMethod]
        public void CorrectInitialisationHasNoViolation()
        {
            var spi = RawSpi.Initialised();
            Assert.AreEqual(0, spi.Chip.ViolationCount);
            Assert.IsNull(spi.Chip.LastViolation);
        }

        [TestMethod]
        public void RingFilterAndMacWrittenWhileRxenAreViolations()
        {
            var spi = RawSpi.Initialised(strict: false);
            spi.Write16(0, A.ERXNDL, 0x0FFF);
            spi.Write(1, A.ERXFCON, 0xA1);
            spi.Write(3, A.MAADR1, 0x02);
            Assert.AreEqual(4, spi.Chip.ViolationCount);
            StringAssert.Contains(spi.Chip.LastViolation, "RXEN");
        }

        [TestMethod]
        public void RxenWithResetValueErxrdptIsViolation()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Chip.AdvanceTime(400);
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Bfs(A.ECON1, A.RXEN));
            StringAssert.Contains(spi.Chip.Violations[0], "ERXRDPT");
        }

        [TestMethod]
        public void WbmIntoUnreadRingDataIsViolation()
        {
            var spi = RawSpi.Initialised();
            byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
            spi.Chip.ReceiveFromWire(frame, 0, frame.Length);
            spi.Write16(0, A.EWRPTL, 0x0010);
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Wbm(0x00));
            spi.ReadPacket();
            spi.Write16(0, A.EWRPTL, 0x0010);
            spi.Wbm(0x00); // freed space: allowed
        }

        [TestMethod]
        public void SrcWithTrailingBytesIsViolationButStillResets()
        {
            var spi = RawSpi.Initialised(strict: false);
            int resets = spi.Chip.ResetCount;
            spi.Transfer(0xFF, 0x00);
            Assert.AreEqual(1, spi.Chip.ViolationCount);
            Assert.AreEqual(resets + 1, spi.Chip.ResetCount);
        }

        [TestMethod]
        public void WcrOfEcon1SettingTxrtsIsViolation()
        {
            var spi = RawSpi.Initialised(strict: false);
            spi.Wcr(A.ECON1, A.RXEN | A.TXRTS);
            StringAssert.Contains(spi.Chip.LastViolation, "read-modify-write");
        }

        [TestMethod]
        public void StrictCanBeSwitchedOffThroughOptions()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.Options.Strict = false;
            spi.Bank(2);
            spi.Bfs(A.MACON1, 0x01);
            Assert.AreEqual(1, spi.Chip.ViolationCount);
        }
    }
}
