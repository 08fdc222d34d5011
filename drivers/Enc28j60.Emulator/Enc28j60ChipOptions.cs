namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>
    /// Configuration of an emulated ENC28J60. The defaults describe a rev. B7 part (what is on sale today) with every
    /// erratum that B7 still has switched on (ENC28J60 facts §9), strict protocol checking, SCK 20 MHz, half duplex strap.
    /// <see cref="Ideal"/> gives a chip without errata, for tests that want to isolate one erratum.
    /// </summary>
    public sealed class Enc28j60ChipOptions
    {
        /// <summary>Silicon revision; EREVID reads its value (§2.6). Cast any byte to model a missing chip.</summary>
        public Enc28j60Revision Revision { get; set; } = Enc28j60Revision.B7;

        /// <summary>Throw <see cref="Enc28j60ProtocolViolationException"/> at the end of the SPI transaction in which
        /// the driver broke a rule (violations are recorded either way).</summary>
        public bool Strict { get; set; } = true;

        /// <summary>SCK frequency; every transaction advances the virtual clock by count × 8 / SpiClockHz. Errata #1
        /// looks at it for B1/B4.</summary>
        public long SpiClockHz { get; set; } = 20_000_000;

        /// <summary>SCK is derived from the chip's own 25 MHz clock (CLKOUT / n): errata #1 does not apply (§1.1).</summary>
        public bool SpiClockSynchronousToChip { get; set; }

        /// <summary>Extra virtual time per chip-select window (models per-call software overhead); 0 by default.</summary>
        public long SpiTransactionOverheadNanoseconds { get; set; }

        /// <summary>Byte clocked out in the dummy position of an RCR on a MAC/MII register (§1.2, check 4).</summary>
        public byte DummyByte { get; set; } = 0xA5;

        /// <summary>When true every byte clocked in reads 0xFF, as with no chip on the bus (check 2).</summary>
        public bool MisoStuckHigh { get; set; }

        /// <summary>PHCON1.PDPXMD reset value (LEDB strap, §3): true = full duplex.</summary>
        public bool FullDuplexStrap { get; set; }

        /// <summary>Frames take no virtual time on the wire (default: (8 + frame + FCS + 12) × 0.8 µs, §11.4).</summary>
        public bool InstantTransmit { get; set; }

        /// <summary>A frame from the wire takes (8 + bytes) × 0.8 µs to arrive: ESTAT.RXBUSY and PHSTAT2.RXSTAT are set
        /// meanwhile and EPKTCNT/ERXWRPT/PKTIF change only when it is complete; RXRST or power save lose it. Default
        /// false: frames land in the ring at once.</summary>
        public bool RealTimeReception { get; set; }

        /// <summary>Seed of the pseudo-random source behind the probabilistic errata and the power-on buffer contents.</summary>
        public int Seed { get; set; } = 1;

        /// <summary>Whether ECON1.RXRST also zeroes EPKTCNT and reloads ERXWRPT with ERXST — not stated by the data
        /// sheet (§5.3, §11.3 "make it configurable"). Default false (the harder case for the driver).</summary>
        public bool RxResetClearsPacketCount { get; set; }

        /// <summary>ECOCON keeps its value across SRC (MCHP note, §1.3, unverified). Default true.</summary>
        public bool SrcPreservesEcocon { get; set; } = true;

        /// <summary>Errata #1 (B1/B4 only): with SCK below 8 MHz MAC/MII register reads and writes are corrupted
        /// (a random bit flips in half of the accesses).</summary>
        public bool Erratum1SlowSpiCorruptsMacRegisters { get; set; } = true;

        /// <summary>Errata #2: after SRC, ESTAT.CLKRDY reads 1 at once although the chip ignores register writes for
        /// 1 ms. Off: CLKRDY reads 0 for 50 µs and then 1.</summary>
        public bool Erratum2ClkrdySetEarly { get; set; } = true;

        /// <summary>Errata #5: writing ERXST or ERXND loads 0x0000 (instead of ERXST) into the receive write pointer,
        /// so a ring that does not start at 0 receives into the wrong place.</summary>
        public bool Erratum5RxWritePointerZero { get; set; } = true;

        /// <summary>Errata #6: EIR.PKTIF fails to show pending packets (re-decided with
        /// <see cref="Erratum6PktifMissProbability"/> at each arrival and each PKTDEC).</summary>
        public bool Erratum6PktifUnreliable { get; set; } = true;

        /// <summary>Probability that PKTIF stays 0 while EPKTCNT &gt; 0 (1.0 = never set: acceptance check 13).</summary>
        public double Erratum6PktifMissProbability { get; set; } = 0.25;

        /// <summary>Errata #9: in half duplex with PHCON2.HDLDIS = 0 the PHY loops every transmitted frame back into
        /// the chip's own receiver.</summary>
        public bool Erratum9HalfDuplexLoopback { get; set; } = true;

        /// <summary>Errata #12: after a transmit abort the next TXRTS never completes (no TXIF/TXERIF) until TXRST is
        /// toggled; clearing TXRST after an abort sets TXERIF.</summary>
        public bool Erratum12TxAbortStallsTransmitter { get; set; } = true;

        /// <summary>Errata #13 (B5/B7 only, half duplex only): link pulses cause random late collisions.</summary>
        public bool Erratum13LinkPulseLateCollisions { get; set; } = true;

        /// <summary>Probability of an errata-#13 late collision per transmission.</summary>
        public double Erratum13LateCollisionProbability { get; set; } = 0.02;

        /// <summary>Errata #14: an even ERXRDPT that equals the write pointer is taken as "ring empty", so incoming
        /// frames overwrite unread ones.</summary>
        public bool Erratum14EvenErxrdptCorruptsRing { get; set; } = true;

        /// <summary>Errata #15: ESTAT.LATECOL is never set (the TSV late-collision bit 29 is).</summary>
        public bool Erratum15LatecolUnreliable { get; set; } = true;

        /// <summary>Errata #17: a frame arriving while a DMA checksum runs is lost; strict mode also flags a checksum
        /// started while RXEN = 1.</summary>
        public bool Erratum17DmaChecksumAbortsReceive { get; set; } = true;

        /// <summary>Errata #18: the pattern-match filter (PMEN) lets some frames through that do not match.</summary>
        public bool Erratum18PatternMatchLetsExtraFramesThrough { get; set; } = true;

        /// <summary>Probability that a frame failing the pattern match is treated as matching (errata #18).</summary>
        public double Erratum18ExtraFrameProbability { get; set; } = 0.05;

        /// <summary>Errata #19: SRC is ignored while ECON2.PWRSV = 1 and for 300 µs after PWRSV is cleared.</summary>
        public bool Erratum19SrcIgnoredInPowerSave { get; set; } = true;

        /// <summary>A rev. B7 chip with every erratum switch off (a chip that behaves like the data sheet says).</summary>
        public static Enc28j60ChipOptions Ideal()
        {
            return new Enc28j60ChipOptions
            {
                Erratum1SlowSpiCorruptsMacRegisters = false,
                Erratum2ClkrdySetEarly = false,
                Erratum5RxWritePointerZero = false,
                Erratum6PktifUnreliable = false,
                Erratum9HalfDuplexLoopback = false,
                Erratum12TxAbortStallsTransmitter = false,
                Erratum13LinkPulseLateCollisions = false,
                Erratum14EvenErxrdptCorruptsRing = false,
                Erratum15LatecolUnreliable = false,
                Erratum17DmaChecksumAbortsReceive = false,
                Erratum18PatternMatchLetsExtraFramesThrough = false,
                Erratum19SrcIgnoredInPowerSave = false,
            };
        }

        /// <summary>A copy, so a chip's options cannot be changed behind its back.</summary>
        public Enc28j60ChipOptions Clone()
        {
            return (Enc28j60ChipOptions)MemberwiseClone();
        }
    }
}
