using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Receive engine: ring placement, status vector, EPKTCNT, overflow (ENC28J60 facts §5, §11.3).</summary>
    [TestClass]
    public sealed class ReceiveTests
    {
        [TestMethod]
        public void ShortFrame_IsPaddedTo60AndStoredWithFcs()
        {
            var spi = RawSpi.Initialised();
            byte[] arp = RawSpi.Frame(42, RawSpi.Broadcast, type: 0x0806);
            Assert.IsTrue(spi.Chip.ReceiveFromWire(arp, 0, arp.Length));
            Assert.AreEqual(1, spi.Read(1, A.EPKTCNT));
            Assert.AreEqual(A.PKTIF, spi.Rcr(A.EIR) & A.PKTIF);
            Packet p = spi.ReadPacket();
            Assert.AreEqual(64, p.ByteCount, "byte count includes padding and the 4 CRC bytes");
            Assert.AreEqual(70, p.Next);
            Assert.IsTrue(p.ReceivedOk);
            Assert.AreNotEqual(0u, p.Status & (1u << 25), "broadcast");
            Assert.AreNotEqual(0u, p.Status & (1u << 22), "type 0x0806 > 1500");
            Assert.AreEqual(0u, p.Status & 0x80000000u);
            var padded = new byte[60];
            Array.Copy(arp, padded, 42);
            CollectionAssert.AreEqual(RawSpi.WithFcs(padded), p.Data);
            Assert.AreEqual(0, spi.Read(1, A.EPKTCNT));
            Assert.AreEqual(0, spi.Rcr(A.EIR) & A.PKTIF);
        }

        [TestMethod]
        public void OddByteCount_NextPointerSkipsPadByte()
        {
            var spi = RawSpi.Initialised();
            byte[] f1 = RawSpi.Frame(61, RawSpi.Broadcast, 1);
            byte[] f2 = RawSpi.Frame(100, RawSpi.Broadcast, 2);
            spi.Chip.ReceiveFromWire(f1, 0, f1.Length);
            spi.Chip.ReceiveFromWire(f2, 0, f2.Length);
            Packet p1 = spi.ReadPacket();
            Assert.AreEqual(65, p1.ByteCount);
            Assert.AreEqual(72, p1.Next, "6 + 65 = 71 rounded up to even");
            Packet p2 = spi.ReadPacket();
            CollectionAssert.AreEqual(RawSpi.WithFcs(f2), p2.Data);
            Assert.AreEqual(p2.Next, spi.Read16(0, A.ERXWRPTL));
        }

        [TestMethod]
        public void RandomFramesWrapSmallRing_HeadersAndPayloadsStraddleTheEnd()
        {
            var spi = RawSpi.Initialised(rxEnd: 0x01FF);
            var random = new Random(5);
            bool headerStraddled = false, payloadStraddled = false;
            for (int i = 0; i < 300; i++)
            {
                byte[] frame = RawSpi.Frame(random.Next(14, 200), RawSpi.Broadcast, i);
                Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length), "frame " + i);
                Packet p = spi.ReadPacket();
                headerStraddled |= p.Start + 6 > 0x200;
                payloadStraddled |= p.Start + 6 < 0x200 && p.Start + 6 + p.ByteCount > 0x200;
                var padded = new byte[Math.Max(frame.Length, 60)];
                Array.Copy(frame, padded, frame.Length);
                CollectionAssert.AreEqual(RawSpi.WithFcs(padded), p.Data, "frame " + i);
                Assert.AreEqual(0, p.Next & 1);
            }

            Assert.IsTrue(headerStraddled && payloadStraddled);
            Assert.AreEqual(0, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void FullRing_DropsWithRxerifAndFlagsNextFrame()
        {
            var spi = RawSpi.Initialised(rxEnd: 0x01FF);
            byte[] frame = RawSpi.Frame(100, RawSpi.Broadcast);
            int stored = 0;
            while (spi.Chip.ReceiveFromWire(frame, 0, frame.Length))
            {
                stored++;
            }

            Assert.AreEqual(4, stored, "4 × 110 bytes fit in 512 before ERXRDPT");
            Assert.AreEqual(A.RXERIF, spi.Rcr(A.EIR) & A.RXERIF);
            Assert.AreEqual(1, spi.Chip.FramesOverflowed);
            for (int i = 0; i < stored; i++)
            {
                Assert.AreEqual(0u, spi.ReadPacket().Status & (1u << 16));
            }

            spi.Bfc(A.EIR, A.RXERIF);
            Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            Assert.AreNotEqual(0u, spi.ReadPacket().Status & (1u << 16), "frame after a drop carries RSV bit 16");
            Assert.AreEqual(0u, spi.ReadPacket().Status & (1u << 16));
        }

        [TestMethod]
        public void PacketCountSaturatesAt255()
        {
            var spi = RawSpi.Initialised();
            byte[] tiny = RawSpi.WithFcs(RawSpi.Frame(14, RawSpi.Broadcast));
            for (int i = 0; i < 255; i++)
            {
                Assert.IsTrue(spi.Chip.ReceiveFromWireWithFcs(tiny, 0, tiny.Length), "frame " + i);
            }

            Assert.IsFalse(spi.Chip.ReceiveFromWireWithFcs(tiny, 0, tiny.Length));
            Assert.AreEqual(255, spi.Read(1, A.EPKTCNT));
            Assert.AreEqual(A.RXERIF, spi.Rcr(A.EIR) & A.RXERIF);
        }

        [TestMethod]
        public void PktdecWithEmptyCountIsViolation()
        {
            var spi = RawSpi.Initialised();
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Bfs(A.ECON2, A.PKTDEC));
            Assert.AreEqual(0, spi.Read(1, A.EPKTCNT));
        }

        [TestMethod]
        public void ReceiverOff_FramesIgnored()
        {
            var spi = RawSpi.Initialised();
            byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
            spi.Bfc(A.ECON1, A.RXEN);
            Assert.IsFalse(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            spi.Bfs(A.ECON1, A.RXEN);
            spi.Chip.LinkUp = false;
            Assert.IsFalse(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            spi.Chip.LinkUp = true;
            Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            Assert.AreEqual(2, spi.Chip.FramesIgnored);
            Assert.AreEqual(0, spi.Rcr(A.EIR) & A.RXERIF);
        }

        [TestMethod]
        public void MaximumFrameLength_1518AcceptedVlan1522Dropped()
        {
            var spi = RawSpi.Initialised();
            byte[] full = RawSpi.Frame(1514, RawSpi.Broadcast);
            byte[] vlan = RawSpi.Frame(1518, RawSpi.Broadcast, type: 0x8100);
            Assert.IsTrue(spi.Chip.ReceiveFromWire(full, 0, full.Length));
            Assert.IsFalse(spi.Chip.ReceiveFromWire(vlan, 0, vlan.Length));
            Assert.AreEqual(1518, spi.ReadPacket().ByteCount);
        }

        [TestMethod]
        public void RealTimeReception_RxbusyUntilTheFrameIsComplete()
        {
            var options = RawSpi.Ideal();
            options.RealTimeReception = true;
            var spi = new RawSpi(options);
            spi.Init();
            byte[] frame = RawSpi.Frame(1000, RawSpi.Broadcast);
            Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            Assert.AreEqual(0x04, spi.Rcr(A.ESTAT) & 0x04, "RXBUSY");
            Assert.AreEqual(0, spi.Read(1, A.EPKTCNT));
            Assert.AreEqual(0, spi.Read16(0, A.ERXWRPTL), "ERXWRPT moves only when a frame is complete");
            spi.Chip.AdvanceTime(830); // (8 + 1004) × 0.8 µs ≈ 810 µs
            Assert.AreEqual(1, spi.Read(1, A.EPKTCNT));
            Assert.AreEqual(0x04, spi.Rcr(A.ESTAT) & 0x04, "second frame still arriving");
            spi.Bfc(A.ECON1, A.RXEN);
            spi.Bfs(A.ECON1, A.RXRST);
            spi.Bfc(A.ECON1, A.RXRST);
            Assert.AreEqual(0, spi.Rcr(A.ESTAT) & 0x04, "RXRST lost the frame in flight");
            spi.Chip.AdvanceTime(2000);
            Assert.AreEqual(1, spi.Read(1, A.EPKTCNT));
            CollectionAssert.AreEqual(RawSpi.WithFcs(frame), spi.ReadPacket().Data);
        }

        [TestMethod]
        public void PauseFrame_ConsumedAndHoldsTransmitterInFullDuplex()
        {
            var spi = RawSpi.Initialised();
            byte[] pause = RawSpi.Frame(60, new byte[] { 0x01, 0x80, 0xC2, 0x00, 0x00, 0x01 }, type: 0x8808);
            pause[14] = 0x00;
            pause[15] = 0x01;
            pause[16] = 0x00;
            pause[17] = 0x64; // 100 quanta = 5.12 ms
            Assert.IsFalse(spi.Chip.ReceiveFromWire(pause, 0, pause.Length), "consumed (PASSALL = 0)");
            Assert.AreEqual(1, spi.Chip.PauseFramesReceived);
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
            Assert.IsFalse(spi.WaitTxDone(4000), "paused");
            Assert.IsTrue(spi.WaitTxDone(2000));

            spi.Bfc(A.ECON1, A.RXEN);
            spi.Write(2, A.MACON1, 0x0F); // + PASSALL: control frames go to the ring
            spi.Write(1, A.ERXFCON, 0x00);
            spi.Bank(0);
            spi.Bfs(A.ECON1, A.RXEN);
            Assert.IsTrue(spi.Chip.ReceiveFromWire(pause, 0, pause.Length));
            Packet p = spi.ReadPacket();
            Assert.AreEqual(3u << 27, p.Status & (3u << 27), "control frame + pause control frame");
        }

        [TestMethod]
        public void RxrstConfigurable_ClearsPacketCountOnlyWhenAsked()
        {
            foreach (bool clears in new[] { false, true })
            {
                var options = RawSpi.Ideal();
                options.RxResetClearsPacketCount = clears;
                var spi = new RawSpi(options);
                spi.Init();
                byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
                spi.Chip.ReceiveFromWire(frame, 0, frame.Length);
                spi.Bfc(A.ECON1, A.RXEN);
                spi.Bfs(A.ECON1, A.RXRST);
                spi.Bfc(A.ECON1, A.RXRST);
                Assert.AreEqual(clears ? 0 : 1, spi.Read(1, A.EPKTCNT));
            }
        }
    }
}
