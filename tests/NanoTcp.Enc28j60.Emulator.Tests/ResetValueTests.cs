using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Reset values (ENC28J60 facts §2 reset column, §3) and reset behaviour (§1.3).</summary>
    [TestClass]
    public sealed class ResetValueTests
    {
        [TestMethod]
        public void PowerOn_ControlRegistersHoldDataSheetResetValues()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Chip.AdvanceTime(400);
            Assert.AreEqual(0x05FA, spi.Read16(0, A.ERDPTL));
            Assert.AreEqual(0x0000, spi.Read16(0, A.EWRPTL));
            Assert.AreEqual(0x05FA, spi.Read16(0, A.ERXSTL));
            Assert.AreEqual(0x1FFF, spi.Read16(0, A.ERXNDL));
            Assert.AreEqual(0x05FA, spi.Read16(0, A.ERXRDPTL));
            Assert.AreEqual(0x0000, spi.Read16(0, A.ERXWRPTL));
            Assert.AreEqual(0xA1, spi.Read(1, A.ERXFCON));
            Assert.AreEqual(0x00, spi.Read(1, A.EPKTCNT));
            Assert.AreEqual(0x0F, spi.Read(2, A.MACLCON1, mac: true));
            Assert.AreEqual(0x37, spi.Read(2, A.MACLCON2, mac: true));
            Assert.AreEqual(0x00, spi.Read(2, A.MAMXFLL, mac: true));
            Assert.AreEqual(0x06, spi.Read(2, A.MAMXFLH, mac: true));
            Assert.AreEqual(0x00, spi.Read(2, A.MACON3, mac: true));
            Assert.AreEqual(0x06, spi.Read(3, A.EREVID));
            Assert.AreEqual(0x04, spi.Read(3, A.ECOCON));
            Assert.AreEqual(0x10, spi.Read(3, A.EPAUSH));
            Assert.AreEqual(0x80, spi.Rcr(A.ECON2));
            Assert.AreEqual(0x00, spi.Rcr(A.EIE));
            Assert.AreEqual(0x00, spi.Rcr(A.EIR));
            Assert.AreEqual(0x03, spi.Rcr(A.ECON1)); // bank 3 selected by the reads above, nothing else set
            Assert.AreEqual(A.CLKRDY, spi.Rcr(A.ESTAT));
        }

        [TestMethod]
        public void PowerOn_PhyRegistersHoldResetValues()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Chip.AdvanceTime(400);
            Assert.AreEqual(0x0083, spi.ReadPhy(A.PHID1));
            Assert.AreEqual(0x1400, spi.ReadPhy(A.PHID2));
            Assert.AreEqual(0x3422, spi.ReadPhy(A.PHLCON));
            Assert.AreEqual(0x0000, spi.ReadPhy(A.PHCON1));
            Assert.AreEqual(0x0000, spi.ReadPhy(A.PHCON2));
            Assert.AreEqual(0x1804, spi.ReadPhy(A.PHSTAT1)); // capabilities + LLSTAT (link up)
            Assert.AreEqual(0x0400, spi.ReadPhy(A.PHSTAT2)); // LSTAT, half duplex
            Assert.AreEqual(0, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void FullDuplexStrap_SetsPdpxmdAndDpxstat()
        {
            var options = RawSpi.Ideal();
            options.FullDuplexStrap = true;
            var spi = new RawSpi(options);
            spi.Chip.AdvanceTime(400);
            Assert.AreEqual(0x0100, spi.ReadPhy(A.PHCON1));
            Assert.AreEqual(0x0600, spi.ReadPhy(A.PHSTAT2));
        }

        [TestMethod]
        [DataRow(Enc28j60Revision.B1, 0x02)]
        [DataRow(Enc28j60Revision.B4, 0x04)]
        [DataRow(Enc28j60Revision.B5, 0x05)]
        [DataRow(Enc28j60Revision.B7, 0x06)]
        public void Erevid_ReportsRevision(Enc28j60Revision revision, int expected)
        {
            var options = RawSpi.Ideal();
            options.Revision = revision;
            var spi = new RawSpi(options);
            Assert.AreEqual(expected, spi.Read(3, A.EREVID));
            spi.Write(3, A.EREVID, 0x1F);
            Assert.AreEqual(expected, spi.Rcr(A.EREVID), "EREVID is read-only");
        }

        [TestMethod]
        public void MisoStuckHigh_ReadsAllOnes()
        {
            var options = RawSpi.Ideal();
            options.MisoStuckHigh = true;
            var spi = new RawSpi(options);
            Assert.AreEqual(0xFF, spi.Read(3, A.EREVID));
        }

        [TestMethod]
        public void PowerOn_ClkrdyClearUntilOscillatorStartUpTimerExpires()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            Assert.AreEqual(0, spi.Rcr(A.ESTAT) & A.CLKRDY);
            Assert.AreEqual(0, spi.Rcr(A.ESTAT) & 0x08, "bit 3 reads 0");
            spi.Chip.AdvanceTime(300);
            Assert.AreEqual(A.CLKRDY, spi.Rcr(A.ESTAT) & A.CLKRDY);
        }

        [TestMethod]
        public void Src_ResetsRegistersButKeepsBufferAndEcocon()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Chip.AdvanceTime(400);
            spi.Write16(0, A.EWRPTL, 0x0100);
            spi.Wbm(0xDE, 0xAD);
            spi.Write(3, A.ECOCON, 0x00);
            spi.Write(1, A.ERXFCON, 0x00);
            spi.Src();
            Assert.AreEqual(1, spi.Chip.ResetCount);
            spi.Chip.AdvanceTime(100);
            Assert.AreEqual(0xA1, spi.Read(1, A.ERXFCON));
            Assert.AreEqual(0x00, spi.Read(3, A.ECOCON), "ECOCON survives SRC (MCHP note)");
            Assert.AreEqual(0xDE, spi.Chip.PeekBuffer(0x0100));
            Assert.AreEqual(0xAD, spi.Chip.PeekBuffer(0x0101));
        }

        [TestMethod]
        public void ResetPin_ResetsEcoconAndCountsReset()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Chip.AdvanceTime(400);
            spi.Write(3, A.ECOCON, 0x00);
            spi.Chip.PulseResetPin();
            Assert.AreEqual(1, spi.Chip.ResetCount);
            Assert.AreEqual(0x04, spi.Read(3, A.ECOCON));
        }

        [TestMethod]
        public void UnimplementedAddresses_ReadZeroAndIgnoreWrites()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Write(0, 0x18, 0x55);
            Assert.AreEqual(0, spi.Rcr(0x18));
            spi.Wcr(0x1A, 0x55);
            Assert.AreEqual(0, spi.Rcr(0x1A));
            spi.Write(1, 0x12, 0x55);
            Assert.AreEqual(0, spi.Rcr(0x12));
        }
    }
}
