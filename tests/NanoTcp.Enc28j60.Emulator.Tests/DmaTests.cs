using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>DMA copy and checksum (ENC28J60 facts §8; acceptance check 33).</summary>
    [TestClass]
    public sealed class DmaTests
    {
        private static RawSpi Ready()
        {
            var spi = RawSpi.Initialised(rxEnd: 0x01FF);
            spi.Bfc(A.ECON1, A.RXEN);
            return spi;
        }

        [TestMethod]
        public void Copy_SourceFollowsRingWrapDestinationIsLinear()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x01FC);
            spi.Wbm(1, 2, 3, 4);
            spi.Write16(0, A.EWRPTL, 0x0000);
            spi.Wbm(5, 6, 7, 8);
            spi.Write16(0, A.EDMASTL, 0x01FC);
            spi.Write16(0, A.EDMANDL, 0x0003);
            spi.Write16(0, A.EDMADSTL, 0x1000);
            spi.Bfc(A.ECON1, A.CSUMEN);
            spi.Bfs(A.ECON1, A.DMAST);
            spi.Chip.AdvanceTime(10);
            Assert.AreEqual(0, spi.Rcr(A.ECON1) & A.DMAST);
            Assert.AreEqual(A.DMAIF, spi.Rcr(A.EIR) & A.DMAIF);
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual(i + 1, spi.Chip.PeekBuffer(0x1000 + i));
            }
        }

        [TestMethod]
        public void Checksum_DataSheetExampleGivesA953()
        {
            var spi = Ready();
            spi.Write16(0, A.EWRPTL, 0x1000);
            spi.Wbm(0x89, 0xAB, 0xCD);
            spi.Write16(0, A.EDMASTL, 0x1000);
            spi.Write16(0, A.EDMANDL, 0x1002);
            spi.Bfs(A.ECON1, A.CSUMEN | A.DMAST);
            spi.Chip.AdvanceTime(10);
            Assert.AreEqual(0xA9, spi.Rcr(A.EDMACSH));
            Assert.AreEqual(0x53, spi.Rcr(A.EDMACSL));
            Assert.AreEqual(0, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void HostClearingDmast_CancelsWithDmaif()
        {
            var spi = Ready();
            spi.Write16(0, A.EDMASTL, 0x1000);
            spi.Write16(0, A.EDMANDL, 0x1FFF);
            spi.Write16(0, A.EDMADSTL, 0x0000);
            spi.Bfs(A.ECON1, A.DMAST);
            spi.Bfc(A.ECON1, A.DMAST);
            Assert.AreEqual(A.DMAIF, spi.Rcr(A.EIR) & A.DMAIF);
        }
    }
}
