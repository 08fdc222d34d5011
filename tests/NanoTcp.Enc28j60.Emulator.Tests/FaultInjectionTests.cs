using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Each fault injection of the emulator (issue 4, ENC28J60 facts §11.3/§11.4).</summary>
    [TestClass]
    public sealed class FaultInjectionTests
    {
        private static bool Offer(RawSpi spi, int length = 60)
        {
            byte[] frame = RawSpi.Frame(length, RawSpi.Broadcast);
            return spi.Chip.ReceiveFromWire(frame, 0, frame.Length);
        }

        [TestMethod]
        public void InjectRxOverflow_DropsOneFrameWithRxerifAndMarksTheNext()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.InjectRxOverflow();
            Assert.IsFalse(Offer(spi));
            Assert.AreEqual(A.RXERIF, spi.Rcr(A.EIR) & A.RXERIF);
            Assert.IsTrue(Offer(spi));
            Assert.AreNotEqual(0u, spi.ReadPacket().Status & (1u << 16));
        }

        [TestMethod]
        public void CorruptNextReceiveHeader_EachKindDamagesOnlyTheStoredHeader()
        {
            var kinds = new[]
            {
                ReceiveHeaderCorruption.OddNextPointer, ReceiveHeaderCorruption.NextPointerBeyondRing,
                ReceiveHeaderCorruption.StatusBit31Set, ReceiveHeaderCorruption.ByteCountTooLarge,
            };
            foreach (var kind in kinds)
            {
                var spi = RawSpi.Initialised();
                spi.Chip.CorruptNextReceiveHeader(kind);
                Assert.IsTrue(Offer(spi));
                spi.Write16(0, A.ERDPTL, 0);
                byte[] h = spi.Rbm(6);
                int next = h[0] | (h[1] << 8);
                int count = h[2] | (h[3] << 8);
                switch (kind)
                {
                    case ReceiveHeaderCorruption.OddNextPointer:
                        Assert.AreEqual(1, next & 1);
                        break;
                    case ReceiveHeaderCorruption.NextPointerBeyondRing:
                        Assert.IsTrue(next > RawSpi.TxStart - 1);
                        break;
                    case ReceiveHeaderCorruption.StatusBit31Set:
                        Assert.AreEqual(0x80, h[5] & 0x80);
                        break;
                    default:
                        Assert.IsTrue(count > 1518);
                        break;
                }

                Assert.AreEqual(70, spi.Read16(0, A.ERXWRPTL), "the chip itself stays in sync");
            }
        }

        [TestMethod]
        public void CorruptNextReceiveHeader_WithoutKindCyclesThroughAll()
        {
            var spi = RawSpi.Initialised();
            for (int i = 0; i < 4; i++)
            {
                spi.Chip.CorruptNextReceiveHeader();
            }

            for (int i = 0; i < 5; i++)
            {
                Assert.IsTrue(Offer(spi));
            }

            spi.Write16(0, A.ERDPTL, 4 * 70);
            byte[] h = spi.Rbm(6);
            Assert.AreEqual(5 * 70, h[0] | (h[1] << 8), "fifth header is intact");
        }

        [TestMethod]
        public void InjectTxAbort_ExcessCollisionsInTsv()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.InjectTxAbort();
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.IsTrue(spi.WaitTxDone());
            byte[] tsv = spi.ReadTsv(100);
            Assert.AreEqual(0x10, tsv[3] & 0x10);
            Assert.AreEqual(0, tsv[2] & 0x80, "not done");
            Assert.AreEqual(A.TXIF | A.TXERIF, spi.Rcr(A.EIR) & (A.TXIF | A.TXERIF));
            Assert.AreEqual(0, spi.Wire.Frames.Count);
            Assert.AreEqual(1, spi.Chip.TransmitAborts);
        }

        [TestMethod]
        public void InjectLateCollision_QueuesConsecutiveCollisions()
        {
            var spi = RawSpi.Initialised();
            for (int i = 0; i < 3; i++)
            {
                spi.Chip.InjectLateCollision();
            }

            for (int attempt = 0; attempt < 4; attempt++)
            {
                spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
                Assert.IsTrue(spi.WaitTxDone());
                bool late = (spi.ReadTsv(100)[3] & 0x20) != 0;
                Assert.AreEqual(attempt < 3, late, "attempt " + attempt);
            }

            Assert.AreEqual(1, spi.Wire.Frames.Count);
        }

        [TestMethod]
        public void InjectTxHang_TxrtsStuckUntilTxrst()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.InjectTxHang();
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.IsFalse(spi.WaitTxDone(10_000));
            Assert.AreEqual(0, spi.Rcr(A.EIR) & (A.TXIF | A.TXERIF));
            spi.Bfs(A.ECON1, A.TXRST);
            Assert.AreEqual(0, spi.Rcr(A.ECON1) & A.TXRTS, "TXRST clears TXRTS");
            spi.Bfc(A.ECON1, A.TXRST);
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(1, spi.Wire.Frames.Count);
        }

        [TestMethod]
        public void InjectTxHang_CancelWithoutTxrstStaysHung()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.InjectTxHang();
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsFalse(spi.WaitTxDone(2000));
            spi.Bfc(A.ECON1, A.TXRTS);
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsFalse(spi.WaitTxDone(2000), "only TXRST frees the transmit logic");
        }

        [TestMethod]
        public void FlapLink_SetsPhirAndLatchesLlstat()
        {
            var spi = RawSpi.Initialised();
            spi.Chip.FlapLink();
            Assert.IsTrue(spi.Chip.LinkUp);
            Assert.AreEqual(0x0010, spi.ReadPhy(A.PHIR) & 0x0010);
            Assert.AreEqual(0, spi.ReadPhy(A.PHSTAT1) & 0x0004);
        }
    }
}
