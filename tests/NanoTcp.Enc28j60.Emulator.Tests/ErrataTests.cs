using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Each erratum switch (ENC28J60 facts §9, §11): on, a driver without the workaround misbehaves; off, the
    /// chip behaves like the data sheet.</summary>
    [TestClass]
    public sealed class ErrataTests
    {
        private static Enc28j60ChipOptions With(System.Action<Enc28j60ChipOptions> change, bool strict = true)
        {
            var options = RawSpi.Ideal(strict);
            change(options);
            return options;
        }

        [TestMethod]
        public void DefaultOptions_AreAB7WithItsErrataOn_IdealHasNone()
        {
            var b7 = new Enc28j60ChipOptions();
            Assert.AreEqual(Enc28j60Revision.B7, b7.Revision);
            Assert.IsTrue(b7.Strict);
            var ideal = Enc28j60ChipOptions.Ideal();
            int switches = 0;
            foreach (var property in typeof(Enc28j60ChipOptions).GetProperties())
            {
                if (property.Name.StartsWith("Erratum") && property.PropertyType == typeof(bool))
                {
                    switches++;
                    Assert.IsTrue((bool)property.GetValue(b7), property.Name);
                    Assert.IsFalse((bool)property.GetValue(ideal), property.Name);
                }
            }

            Assert.AreEqual(12, switches, "#1 #2 #5 #6 #9 #12 #13 #14 #15 #17 #18 #19");
        }

        [TestMethod]
        public void Erratum1_SlowSpiOnB4CorruptsMacRegisterReads()
        {
            int Mismatches(Enc28j60Revision revision, bool erratum, bool synchronous = false)
            {
                var spi = new RawSpi(With(o =>
                {
                    o.Revision = revision;
                    o.SpiClockHz = 4_000_000;
                    o.SpiClockSynchronousToChip = synchronous;
                    o.Erratum1SlowSpiCorruptsMacRegisters = erratum;
                }));
                spi.Chip.AdvanceTime(400);
                spi.Bank(2);
                int bad = 0;
                for (int i = 0; i < 40; i++)
                {
                    bad += spi.RcrMac(A.MACLCON2) != 0x37 ? 1 : 0;
                }

                return bad;
            }

            Assert.IsTrue(Mismatches(Enc28j60Revision.B4, true) > 0);
            Assert.AreEqual(0, Mismatches(Enc28j60Revision.B4, false));
            Assert.AreEqual(0, Mismatches(Enc28j60Revision.B7, true), "B7 is not affected");
            Assert.AreEqual(0, Mismatches(Enc28j60Revision.B4, true, synchronous: true), "SCK derived from CLKOUT is fine");
        }

        [TestMethod]
        public void Erratum2_ClkrdySetAtOnceButWritesLostForOneMillisecond()
        {
            var spi = new RawSpi(With(o => o.Erratum2ClkrdySetEarly = true, strict: false));
            spi.Chip.AdvanceTime(400);
            spi.Src();
            Assert.AreEqual(A.CLKRDY, spi.Rcr(A.ESTAT) & A.CLKRDY, "CLKRDY lies");
            spi.Write(1, A.ERXFCON, 0x00);
            Assert.AreEqual(0x00, spi.Rcr(A.ECON1) & 0x03, "even the bank switch was lost");
            Assert.AreEqual(0xA1, spi.Chip.PeekControlRegister(1, A.ERXFCON), "write lost");
            StringAssert.Contains(spi.Chip.LastViolation, "errata #2");
            spi.Chip.AdvanceTime(1000);
            spi.Write(1, A.ERXFCON, 0x00);
            Assert.AreEqual(0x00, spi.Rcr(A.ERXFCON));

            var ideal = new RawSpi(RawSpi.Ideal());
            ideal.Chip.AdvanceTime(400);
            ideal.Src();
            Assert.AreEqual(0, ideal.Rcr(A.ESTAT) & A.CLKRDY);
            ideal.Chip.AdvanceTime(50);
            Assert.AreEqual(A.CLKRDY, ideal.Rcr(A.ESTAT) & A.CLKRDY);
            ideal.Write(1, A.ERXFCON, 0x00);
            Assert.AreEqual(0x00, ideal.Rcr(A.ERXFCON));
        }

        [TestMethod]
        public void Erratum5_WritingErxstLoadsZeroIntoWritePointer()
        {
            foreach (bool erratum in new[] { true, false })
            {
                var spi = new RawSpi(With(o => o.Erratum5RxWritePointerZero = erratum));
                spi.Chip.AdvanceTime(400);
                spi.Write16(0, A.ERXSTL, 0x0400);
                spi.Write16(0, A.ERXNDL, 0x0FFF);
                Assert.AreEqual(erratum ? 0x0000 : 0x0400, spi.Read16(0, A.ERXWRPTL));
            }
        }

        [TestMethod]
        public void Erratum6_PktifCanStayClearWhilePacketsWait()
        {
            foreach (bool erratum in new[] { true, false })
            {
                var spi = new RawSpi(With(o =>
                {
                    o.Erratum6PktifUnreliable = erratum;
                    o.Erratum6PktifMissProbability = 1.0;
                }));
                spi.Init();
                spi.Wcr(A.EIE, A.INTIE | A.PKTIE);
                byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
                spi.Chip.ReceiveFromWire(frame, 0, frame.Length);
                Assert.AreEqual(1, spi.Read(1, A.EPKTCNT));
                Assert.AreEqual(erratum ? 0 : A.PKTIF, spi.Rcr(A.EIR) & A.PKTIF);
                Assert.AreEqual(!erratum, spi.Chip.InterruptPinAsserted);
            }
        }

        [TestMethod]
        public void Erratum9_HalfDuplexEchoesOwnFramesUnlessHdldis()
        {
            foreach (bool hdldis in new[] { false, true })
            {
                var spi = new RawSpi(With(o => o.Erratum9HalfDuplexLoopback = true));
                spi.Init(fullDuplex: false);
                if (!hdldis)
                {
                    spi.WritePhy(A.PHCON2, 0x0000);
                    spi.Bank(0);
                }

                spi.StartSend(RawSpi.Frame(60, RawSpi.Broadcast));
                Assert.IsTrue(spi.WaitTxDone());
                Assert.AreEqual(hdldis ? 0 : 1, spi.Read(1, A.EPKTCNT));
            }
        }

        [TestMethod]
        public void Erratum12_AbortStallsNextTransmitUntilTxrstToggled()
        {
            var spi = new RawSpi(With(o => o.Erratum12TxAbortStallsTransmitter = true));
            spi.Init();
            spi.Chip.InjectTxAbort();
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(A.TXERIF, spi.Rcr(A.EIR) & A.TXERIF);
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsFalse(spi.WaitTxDone(), "stalled: TXRTS never clears");
            Assert.AreEqual(0, spi.Rcr(A.EIR) & (A.TXIF | A.TXERIF), "no TXIF, no TXERIF");
            spi.Bfs(A.ECON1, A.TXRST);
            spi.Bfc(A.ECON1, A.TXRST);
            Assert.AreEqual(A.TXERIF, spi.Rcr(A.EIR) & A.TXERIF, "clearing TXRST sets TXERIF");
            spi.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsTrue(spi.WaitTxDone());
            Assert.AreEqual(A.TXIF, spi.Rcr(A.EIR) & (A.TXIF | A.TXERIF));
            Assert.AreEqual(1, spi.Wire.Frames.Count);

            var ideal = new RawSpi(RawSpi.Ideal());
            ideal.Init();
            ideal.Chip.InjectTxAbort();
            ideal.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsTrue(ideal.WaitTxDone());
            ideal.StartSend(RawSpi.Frame(100, RawSpi.Mac), toggleReset: false);
            Assert.IsTrue(ideal.WaitTxDone());
        }

        [TestMethod]
        public void Erratum13_LateCollisionsOnlyOnB5B7InHalfDuplex()
        {
            bool Collides(Enc28j60Revision revision, bool fullDuplex)
            {
                var spi = new RawSpi(With(o =>
                {
                    o.Revision = revision;
                    o.Erratum13LinkPulseLateCollisions = true;
                    o.Erratum13LateCollisionProbability = 1.0;
                }));
                spi.Init(fullDuplex);
                spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
                Assert.IsTrue(spi.WaitTxDone());
                return (spi.ReadTsv(100)[3] & 0x20) != 0;
            }

            Assert.IsTrue(Collides(Enc28j60Revision.B7, false));
            Assert.IsTrue(Collides(Enc28j60Revision.B5, false));
            Assert.IsFalse(Collides(Enc28j60Revision.B7, true));
            Assert.IsFalse(Collides(Enc28j60Revision.B4, false));
        }

        [TestMethod]
        public void Erratum14_EvenErxrdptLetsNewFramesOverwriteUnreadOnes()
        {
            foreach (bool erratum in new[] { true, false })
            {
                var spi = new RawSpi(With(o => o.Erratum14EvenErxrdptCorruptsRing = erratum, strict: false)) { RxEnd = 0x01FF };
                spi.Init();
                byte[] f100 = RawSpi.Frame(100, RawSpi.Broadcast);
                for (int i = 0; i < 4; i++)
                {
                    Assert.IsTrue(spi.Chip.ReceiveFromWire(f100, 0, f100.Length)); // 110 bytes each: 0, 110, 220, 330
                }

                spi.Write16(0, A.ERXRDPTL, 110); // ZEP style: the even next pointer of the packet just read
                spi.Bfs(A.ECON2, A.PKTDEC);
                byte[] f62 = RawSpi.Frame(62, RawSpi.Broadcast);
                Assert.IsTrue(spi.Chip.ReceiveFromWire(f100, 0, f100.Length)); // 440 → 38
                Assert.IsTrue(spi.Chip.ReceiveFromWire(f62, 0, f62.Length));   // 38 → 110 = ERXRDPT
                byte[] f150 = RawSpi.Frame(150, RawSpi.Broadcast);
                bool stored = spi.Chip.ReceiveFromWire(f150, 0, f150.Length);
                Assert.AreEqual(erratum, stored);
                int nextOfUnreadPacket = spi.Chip.PeekBuffer(110) | (spi.Chip.PeekBuffer(111) << 8);
                if (erratum)
                {
                    Assert.AreNotEqual(220, nextOfUnreadPacket, "the unread packet at 110 was overwritten");
                }
                else
                {
                    Assert.AreEqual(220, nextOfUnreadPacket);
                    Assert.AreEqual(A.RXERIF, spi.Rcr(A.EIR) & A.RXERIF);
                }
            }
        }

        [TestMethod]
        public void Erratum15_LatecolNeverSetButTsvBit29Is()
        {
            foreach (bool erratum in new[] { true, false })
            {
                var spi = new RawSpi(With(o => o.Erratum15LatecolUnreliable = erratum));
                spi.Init();
                spi.Chip.InjectLateCollision();
                spi.StartSend(RawSpi.Frame(100, RawSpi.Mac));
                Assert.IsTrue(spi.WaitTxDone());
                Assert.AreEqual(0x20, spi.ReadTsv(100)[3] & 0x20);
                Assert.AreEqual(erratum ? 0 : A.LATECOL, spi.Rcr(A.ESTAT) & A.LATECOL);
                Assert.AreEqual(A.TXABRT, spi.Rcr(A.ESTAT) & A.TXABRT);
            }
        }

        [TestMethod]
        public void Erratum17_ChecksumWithReceiverOnLosesFramesAndIsFlagged()
        {
            foreach (bool erratum in new[] { true, false })
            {
                var spi = new RawSpi(With(o => o.Erratum17DmaChecksumAbortsReceive = erratum, strict: false));
                spi.Init();
                spi.Write16(0, A.EDMASTL, 0x1800);
                spi.Write16(0, A.EDMANDL, 0x1BFF);
                spi.Bfs(A.ECON1, A.CSUMEN | A.DMAST);
                byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast);
                Assert.AreEqual(!erratum, spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
                Assert.AreEqual(erratum ? 1 : 0, spi.Chip.ViolationCount);
                spi.Chip.AdvanceTime(1000);
                Assert.AreEqual(A.DMAIF, spi.Rcr(A.EIR) & A.DMAIF);
                Assert.IsTrue(spi.Chip.ReceiveFromWire(frame, 0, frame.Length));
            }
        }

        [TestMethod]
        public void Erratum18_PatternMatchLetsExtraFramesThrough()
        {
            int Accepted(bool erratum)
            {
                var spi = new RawSpi(With(o =>
                {
                    o.Erratum18PatternMatchLetsExtraFramesThrough = erratum;
                    o.Erratum18ExtraFrameProbability = 0.5;
                }));
                spi.Init(filter: 0x30); // CRCEN | PMEN, EPMM = 0: checksum 0xFFFF never equals EPMCS 0
                int accepted = 0;
                for (int i = 0; i < 40; i++)
                {
                    byte[] frame = RawSpi.Frame(60, RawSpi.Broadcast, i);
                    accepted += spi.Chip.ReceiveFromWire(frame, 0, frame.Length) ? 1 : 0;
                }

                return accepted;
            }

            Assert.IsTrue(Accepted(true) > 0);
            Assert.AreEqual(0, Accepted(false));
        }

        [TestMethod]
        public void Erratum19_SrcIgnoredInPowerSave()
        {
            var spi = new RawSpi(With(o => o.Erratum19SrcIgnoredInPowerSave = true, strict: false));
            spi.Chip.AdvanceTime(400);
            spi.Write(1, A.ERXFCON, 0x00);
            spi.Bfs(A.ECON2, A.PWRSV);
            Assert.AreEqual(0, spi.Rcr(A.ESTAT) & A.CLKRDY, "no clock in power save");
            spi.Src();
            Assert.AreEqual(0, spi.Chip.ResetCount);
            Assert.AreEqual(0x00, spi.Rcr(A.ERXFCON));
            spi.Bfc(A.ECON2, A.PWRSV);
            spi.Src();
            Assert.AreEqual(0, spi.Chip.ResetCount, "still within 300 µs of leaving power save");
            spi.Chip.AdvanceTime(1000);
            spi.Src();
            Assert.AreEqual(1, spi.Chip.ResetCount);
            Assert.AreEqual(0xA1, spi.Read(1, A.ERXFCON));

            var ideal = new RawSpi(RawSpi.Ideal());
            ideal.Chip.AdvanceTime(400);
            ideal.Bfs(A.ECON2, A.PWRSV);
            ideal.Src();
            Assert.AreEqual(1, ideal.Chip.ResetCount);
        }
    }
}
