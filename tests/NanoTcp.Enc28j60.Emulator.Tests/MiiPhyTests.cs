using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>PHY access through the MII, BUSY timing, link status and PHY interrupts (ENC28J60 facts §3, §11.5).</summary>
    [TestClass]
    public sealed class MiiPhyTests
    {
        [TestMethod]
        public void MiiRead_BusyFor10_24MicrosecondsThenMirdValid()
        {
            var spi = RawSpi.Powered();
            spi.Bank(2);
            spi.Wcr(A.MIREGADR, A.PHID1);
            long start = spi.Chip.NowNanoseconds;
            spi.Wcr(A.MICMD, 0x01);
            spi.Bank(3);
            Assert.AreEqual(A.BUSY, spi.RcrMac(A.MISTAT));
            spi.Chip.AdvanceTime(5);
            Assert.AreEqual(A.BUSY, spi.RcrMac(A.MISTAT), "still busy before 10.24 µs");
            while ((spi.RcrMac(A.MISTAT) & A.BUSY) != 0)
            {
            }

            Assert.IsTrue(spi.Chip.NowNanoseconds - start >= 10_240);
            spi.Bank(2);
            spi.Wcr(A.MICMD, 0x00);
            Assert.AreEqual(0x83, spi.RcrMac(A.MIRDL));
            Assert.AreEqual(0x00, spi.RcrMac(A.MIRDH));
        }

        [TestMethod]
        public void MiiWrite_StartsOnMiwrhAndLandsAfterBusy()
        {
            var spi = RawSpi.Powered();
            spi.Bank(2);
            spi.Wcr(A.MIREGADR, A.PHLCON);
            spi.Wcr(A.MIWRL, 0x76);
            Assert.AreEqual(0x3422, spi.Chip.PeekPhyRegister(A.PHLCON), "MIWRL alone starts nothing");
            spi.Wcr(A.MIWRH, 0x34);
            Assert.AreEqual(0x3422, spi.Chip.PeekPhyRegister(A.PHLCON), "not before BUSY ends");
            spi.Chip.AdvanceTime(11);
            Assert.AreEqual(0x3476, spi.Chip.PeekPhyRegister(A.PHLCON));
        }

        [TestMethod]
        public void WritingMiiRegistersWhileBusyIsViolation()
        {
            var spi = RawSpi.Powered(strict: false);
            spi.Bank(2);
            spi.Wcr(A.MIREGADR, A.PHCON1);
            spi.Wcr(A.MIWRL, 0x00);
            spi.Wcr(A.MIWRH, 0x01);
            spi.Wcr(A.MIREGADR, A.PHCON2);
            spi.Wcr(A.MIWRH, 0x01);
            spi.Wcr(A.MICMD, 0x01);
            Assert.AreEqual(3, spi.Chip.ViolationCount);
            StringAssert.Contains(spi.Chip.LastViolation, "BUSY");
        }

        [TestMethod]
        public void ReadingMirdWhileBusyIsViolation()
        {
            var spi = RawSpi.Powered();
            spi.Bank(2);
            spi.Wcr(A.MIREGADR, A.PHID2);
            spi.Wcr(A.MICMD, 0x01);
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.RcrMac(A.MIRDL));
        }

        [TestMethod]
        public void LinkChange_SetsPhirAndLinkifWhenEnabled_PhirReadClears()
        {
            var spi = RawSpi.Powered();
            spi.WritePhy(A.PHIE, 0x0012);
            spi.Bank(0);
            spi.Wcr(A.EIE, A.INTIE | A.LINKIE);
            spi.Chip.LinkUp = false;
            Assert.AreEqual(A.LINKIF, spi.Rcr(A.EIR) & A.LINKIF);
            Assert.IsTrue(spi.Chip.InterruptPinAsserted);
            Assert.AreEqual(0x0000, spi.ReadPhy(A.PHSTAT2) & 0x0400);
            Assert.AreEqual(0x0014, spi.ReadPhy(A.PHIR));
            Assert.AreEqual(0, spi.Read(0, A.EIR) & A.LINKIF, "reading PHIR clears LINKIF");
            Assert.IsFalse(spi.Chip.InterruptPinAsserted);
            spi.Bfc(A.EIR, A.LINKIF); // no effect, read-only
            spi.Chip.LinkUp = true;
            Assert.AreEqual(0x0400, spi.ReadPhy(A.PHSTAT2) & 0x0400);
        }

        [TestMethod]
        public void LinkifNeedsBothPhieBits()
        {
            var spi = RawSpi.Powered();
            spi.WritePhy(A.PHIE, 0x0010);
            spi.Chip.LinkUp = false;
            Assert.AreEqual(0, spi.Read(0, A.EIR) & A.LINKIF);
            Assert.AreEqual(0x0014, spi.ReadPhy(A.PHIR));
        }

        [TestMethod]
        public void Llstat_LatchesLowUntilRead()
        {
            var spi = RawSpi.Powered();
            Assert.AreEqual(0x0004, spi.ReadPhy(A.PHSTAT1) & 0x0004);
            spi.Chip.FlapLink();
            Assert.AreEqual(0x0000, spi.ReadPhy(A.PHSTAT1) & 0x0004, "dropped since last read");
            Assert.AreEqual(0x0004, spi.ReadPhy(A.PHSTAT1) & 0x0004);
            Assert.AreEqual(0x0400, spi.ReadPhy(A.PHSTAT2) & 0x0400, "LSTAT is live");
        }

        [TestMethod]
        public void MiiScan_ClearsNvalidAfterFirstRead()
        {
            var spi = RawSpi.Powered();
            spi.Bank(2);
            spi.Wcr(A.MIREGADR, A.PHID1);
            spi.Wcr(A.MICMD, 0x02);
            spi.Bank(3);
            Assert.AreEqual(A.BUSY | A.SCAN | A.NVALID, spi.RcrMac(A.MISTAT));
            spi.Chip.AdvanceTime(11);
            Assert.AreEqual(A.BUSY | A.SCAN, spi.RcrMac(A.MISTAT));
            spi.Bank(2);
            Assert.AreEqual(0x83, spi.RcrMac(A.MIRDL));
            spi.Wcr(A.MICMD, 0x00);
            spi.Chip.AdvanceTime(11);
            spi.Bank(3);
            Assert.AreEqual(0, spi.RcrMac(A.MISTAT));
        }

        [TestMethod]
        public void PhyResetBitSelfClearsAndRestoresDefaults()
        {
            var spi = RawSpi.Powered();
            spi.WritePhy(A.PHLCON, 0x3476);
            spi.WritePhy(A.PHCON1, 0x8000);
            Assert.AreEqual(0x3422, spi.ReadPhy(A.PHLCON));
            Assert.AreEqual(0x0000, spi.ReadPhy(A.PHCON1));
        }

        [TestMethod]
        public void MacAccessDuringOscillatorStartUpIsViolation()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Bfs(A.ECON2, 0x00); // ETH registers are fine during OST
            spi.Bank(2);
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Wcr(A.MACON1, 0x01));
        }
    }
}
