using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>RBM/WBM, pointer wrap and ERXRDPT buffering (ENC28J60 facts §4.2, §4.3, §11.2).</summary>
    [TestClass]
    public sealed class BufferMemoryTests
    {
        private static RawSpi Ready(bool strict = true)
        {
            var spi = RawSpi.Powered(strict);
            spi.Write16(0, A.ERXSTL, 0x0000);
            spi.Write16(0, A.ERXNDL, 0x0FFF);
            return spi;
        }

        [TestMethod]
        public void WbmThenRbm_RoundTripsWithAutoIncrement()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x1000);
            spi.Wbm(1, 2, 3, 4, 5);
            Assert.AreEqual(0x1005, spi.Read16(0, A.EWRPTL));
            spi.Write16(0, A.ERDPTL, 0x1000);
            CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 5 }, spi.Rbm(5));
            Assert.AreEqual(0x1005, spi.Read16(0, A.ERDPTL));
        }

        [TestMethod]
        public void Rbm_WrapsFromErxndToErxst()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x0FFE);
            spi.Wbm(0xA0, 0xA1);
            spi.Write16(0, A.EWRPTL, 0x0000);
            spi.Wbm(0xB0, 0xB1);
            spi.Write16(0, A.ERDPTL, 0x0FFE);
            CollectionAssert.AreEqual(new byte[] { 0xA0, 0xA1, 0xB0, 0xB1 }, spi.Rbm(4));
            Assert.AreEqual(0x0002, spi.Read16(0, A.ERDPTL));
        }

        [TestMethod]
        public void Rbm_OutsideRingWrapsOnlyAt1FFF()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x1FFF);
            spi.Wbm(0xC0, 0xC1);   // WBM wraps 0x1FFF → 0x0000
            Assert.AreEqual(0xC1, spi.Chip.PeekBuffer(0x0000));
            spi.Write16(0, A.ERDPTL, 0x1FFF);
            CollectionAssert.AreEqual(new byte[] { 0xC0, 0xC1 }, spi.Rbm(2));
        }

        [TestMethod]
        public void Wbm_DoesNotWrapAtErxnd()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x0FFF);
            spi.Wbm(0xD0, 0xD1);
            Assert.AreEqual(0xD1, spi.Chip.PeekBuffer(0x1000));
            Assert.AreEqual(0x1001, spi.Read16(0, A.EWRPTL));
        }

        [TestMethod]
        public void AutoIncrementOff_RepeatsTheSameAddress()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x0200);
            spi.Wbm(7, 8);
            spi.Bfc(A.ECON2, A.AUTOINC);
            spi.Write16(0, A.ERDPTL, 0x0200);
            CollectionAssert.AreEqual(new byte[] { 7, 7, 7 }, spi.Rbm(3));
        }

        [TestMethod]
        public void Erxrdptl_WithoutErxrdpthHasNoEffect()
        {
            var spi = Ready();
            spi.Write16(0, A.ERXRDPTL, 0x0FFF);
            spi.Wcr(A.ERXRDPTL, 0x11);
            Assert.AreEqual(0x0FFF, spi.Read16(0, A.ERXRDPTL), "low byte buffered");
            spi.Wcr(A.ERXRDPTH, 0x02);
            Assert.AreEqual(0x0211, spi.Read16(0, A.ERXRDPTL), "high byte write commits both");
        }

        [TestMethod]
        public void Erxrdpt_EvenValueIsViolation()
        {
            var spi = Ready();
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Write16(0, A.ERXRDPTL, 0x0100));
            StringAssert.Contains(spi.Chip.LastViolation, "errata #14");
        }

        [TestMethod]
        public void Erxrdpt_OutsideRingIsViolation()
        {
            var spi = Ready();
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Write16(0, A.ERXRDPTL, 0x1FFF));
            StringAssert.Contains(spi.Chip.LastViolation, "outside the ring");
        }

        [TestMethod]
        public void ErxstWrite_LoadsReceiveWritePointer()
        {
            var spi = Ready();
            spi.Write16(0, A.ERXSTL, 0x0400);
            Assert.AreEqual(0x0400, spi.Read16(0, A.ERXWRPTL));
        }
    }
}
