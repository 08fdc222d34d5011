using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>INT pin semantics and edges (ENC28J60 facts §2.5, §7 interrupt pattern, §11.5).</summary>
    [TestClass]
    public sealed class InterruptTests
    {
        private static void Offer(RawSpi spi)
        {
            byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
            spi.Chip.ReceiveFromWire(frame, 0, frame.Length);
        }

        [TestMethod]
        public void PinNeedsIntieAndAnEnabledFlag()
        {
            var spi = RawSpi.Initialised();
            Offer(spi);
            Assert.IsFalse(spi.Chip.InterruptPinAsserted, "EIE = 0");
            spi.Wcr(A.EIE, A.PKTIE);
            Assert.IsFalse(spi.Chip.InterruptPinAsserted, "INTIE = 0");
            spi.Bfs(A.EIE, A.INTIE);
            Assert.IsTrue(spi.Chip.InterruptPinAsserted);
            Assert.AreEqual(A.ESTAT_INT, spi.Rcr(A.ESTAT) & A.ESTAT_INT);
            spi.ReadPacket();
            Assert.IsFalse(spi.Chip.InterruptPinAsserted);
        }

        [TestMethod]
        public void FlagArrivingWhilePinLow_ProducesNoEdge_IntieToggleDoes()
        {
            var spi = RawSpi.Initialised();
            spi.Wcr(A.EIE, A.INTIE | A.PKTIE | A.TXIE);
            Offer(spi);
            Assert.AreEqual(1, spi.Chip.InterruptFallingEdges);
            spi.Bfs(A.EIR, A.TXIF); // a second source while the pin is already low
            Assert.AreEqual(1, spi.Chip.InterruptFallingEdges, "no new edge: the ZEP PR #82529 trap");
            spi.Bfc(A.EIE, A.INTIE);
            spi.Bfs(A.EIE, A.INTIE);
            Assert.AreEqual(2, spi.Chip.InterruptFallingEdges, "toggling INTIE re-arms the edge");
        }

        [TestMethod]
        public void EdgeEventRaisedOnFallingEdge()
        {
            var spi = RawSpi.Initialised();
            int events = 0;
            spi.Chip.InterruptFallingEdge += () => events++;
            spi.Wcr(A.EIE, A.INTIE | A.PKTIE);
            Offer(spi);
            Offer(spi);
            Assert.AreEqual(1, events);
        }
    }
}
