using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>ERXFCON filters (ENC28J60 facts §2.6, §11.3; acceptance checks 3 and 18).</summary>
    [TestClass]
    public sealed class ReceiveFilterTests
    {
        private static readonly byte[] Other = { 0x02, 0x99, 0x99, 0x99, 0x99, 0x99 };
        private static readonly byte[] Multicast = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };

        private static RawSpi Ready(byte filter)
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Init(filter: filter);
            return spi;
        }

        private static bool Offer(RawSpi spi, byte[] destination, bool badFcs = false)
        {
            byte[] frame = RawSpi.WithFcs(RawSpi.Frame(60, destination), badFcs);
            return spi.Chip.ReceiveFromWireWithFcs(frame, 0, frame.Length);
        }

        [TestMethod]
        public void MacAddressBytesLandInDataSheetOrderAndUnicastPasses()
        {
            var spi = Ready(0xA1);
            Assert.AreEqual(0x02, spi.Chip.PeekControlRegister(3, 0x04));
            Assert.AreEqual(0x11, spi.Chip.PeekControlRegister(3, 0x05));
            Assert.AreEqual(0x22, spi.Chip.PeekControlRegister(3, 0x02));
            Assert.AreEqual(0x33, spi.Chip.PeekControlRegister(3, 0x03));
            Assert.AreEqual(0x44, spi.Chip.PeekControlRegister(3, 0x00));
            Assert.AreEqual(0x55, spi.Chip.PeekControlRegister(3, 0x01));
            Assert.IsTrue(Offer(spi, RawSpi.Mac));
            Assert.IsFalse(Offer(spi, Other));
        }

        [TestMethod]
        public void Default_BroadcastAcceptedMulticastDropped()
        {
            var spi = Ready(0xA1);
            Assert.IsTrue(Offer(spi, RawSpi.Broadcast));
            Assert.IsFalse(Offer(spi, Multicast));
        }

        [TestMethod]
        public void Mcen_AcceptsMulticast()
        {
            var spi = Ready(0xA3);
            Assert.IsTrue(Offer(spi, Multicast));
            Assert.AreNotEqual(0u, spi.ReadPacket().Status & (1u << 24));
        }

        [TestMethod]
        public void Hten_AcceptsOnlyHashedAddress()
        {
            var spi = Ready(0xA4);
            Assert.IsFalse(Offer(spi, Multicast));
            // Hash index = bits 28:23 of the CRC-32 of the DA in MSB-first, non-complemented form, i.e. the bit
            // reversal of the complemented reflected CRC.
            uint reflected = ~RawSpi.Crc32(Multicast, 0, 6);
            uint msbFirst = 0;
            for (int bit = 0; bit < 32; bit++)
            {
                msbFirst |= ((reflected >> bit) & 1) << (31 - bit);
            }

            int index = (int)((msbFirst >> 23) & 0x3F);
            spi.Bfc(0x1F, 0x04);
            spi.Write(1, A.EHT0 + index / 8, (byte)(1 << (index % 8)));
            spi.Bank(0);
            spi.Bfs(A.ECON1, A.RXEN);
            Assert.IsTrue(Offer(spi, Multicast));
        }

        [TestMethod]
        public void Crcen_DropsBadFcs_PromiscuousKeepsItWithCrcErrorBit()
        {
            var spi = Ready(0xA1);
            Assert.IsFalse(Offer(spi, RawSpi.Broadcast, badFcs: true));
            var promiscuous = Ready(0x00);
            Assert.IsTrue(Offer(promiscuous, Other, badFcs: true));
            Packet p = promiscuous.ReadPacket();
            Assert.AreNotEqual(0u, p.Status & (1u << 20));
            Assert.IsFalse(p.ReceivedOk);
        }

        [TestMethod]
        public void InjectBadFcs_AffectsOneFrame()
        {
            var spi = Ready(0xA1);
            byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
            spi.Chip.InjectBadFcs();
            Assert.IsFalse(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
        }

        [TestMethod]
        public void PatternMatch_ArpBroadcastChecksumF7F9()
        {
            var spi = Ready(0x00);
            spi.Bfc(A.ECON1, A.RXEN);
            spi.Write(1, A.EPMM0, 0x3F);
            spi.Wcr(A.EPMM0 + 1, 0x30);
            spi.Wcr(A.EPMCSL, 0xF9);
            spi.Wcr(A.EPMCSH, 0xF7);
            spi.Wcr(A.ERXFCON, 0xB0); // UCEN | CRCEN | PMEN
            spi.Bank(0);
            spi.Bfs(A.ECON1, A.RXEN);
            byte[] arp = RawSpi.WithFcs(RawSpi.Frame(60, RawSpi.Broadcast, type: 0x0806));
            byte[] ip = RawSpi.WithFcs(RawSpi.Frame(60, RawSpi.Broadcast, type: 0x0800));
            Assert.IsTrue(spi.Chip.ReceiveFromWireWithFcs(arp, 0, arp.Length));
            Assert.IsFalse(spi.Chip.ReceiveFromWireWithFcs(ip, 0, ip.Length));
        }

        [TestMethod]
        public void AndMode_RequiresEveryEnabledFilter()
        {
            var spi = Ready(0xC1); // UCEN | ANDOR | BCEN: nothing can be both
            Assert.IsFalse(Offer(spi, RawSpi.Broadcast));
            Assert.IsFalse(Offer(spi, RawSpi.Mac));
        }
    }
}
