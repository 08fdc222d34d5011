namespace NanoTcp.Enc28j60
{
    /// <summary>Bring-up per ENC28J60 facts §7.</summary>
    public sealed partial class Enc28j60Driver
    {
        /// <summary>Power-save exit settle time before SRC (errata #19).</summary>
        private const int PowerSaveExitMicroseconds = 1000;

        /// <summary>Wait after SRC or a RESET pulse: CLKRDY is set early (errata #2), PHY needs 50 µs.</summary>
        private const int ResetSettleMicroseconds = 2000;

        private const int ClockReadyPolls = 10;
        private const int ClockReadyPollMicroseconds = 100;

        /// <summary>Errata #1: B1/B4 MAC registers are unreliable below this SPI clock.</summary>
        private const int MinimumSpiClockForB1B4 = 8000000;

        /// <summary>
        /// Resets the chip and configures it (§7): reset with errata #19/#2 handling, EREVID and PHY identity
        /// check, receive ring at 0x0000 (errata #5), transmit slot after it, MAC and PHY for the configured duplex,
        /// filters, LEDs, interrupts, link state, and RXEN last. Also used to recover a lost chip.
        /// </summary>
        /// <returns><see cref="Enc28j60InitResult.Success"/> when the chip is receiving.</returns>
        public Enc28j60InitResult Initialize()
        {
            _started = true;
            _running = false;
            _lastHealthCheck = _clock.NowMicroseconds;
            Counters.ChipResets++;
            ForgetChipState();

            ResetChip();
            if (!WaitForClockReady())
            {
                return Enc28j60InitResult.NoDevice;
            }

            Revision = _port.Read(ControlRegister.EREVID);
            if (Revision == 0x00 || Revision == 0xFF)
            {
                return Enc28j60InitResult.NoDevice;
            }

            SlowSpiClockWarning = Revision <= RegisterBits.RevisionB4 && _options.SpiClockHz < MinimumSpiClockForB1B4;
            if (SlowSpiClockWarning && !_options.AllowSlowSpiClock)
            {
                return Enc28j60InitResult.SpiClockTooSlow;
            }

            Enc28j60InitResult phy = VerifyPhyIdentity();
            if (phy != Enc28j60InitResult.Success)
            {
                return phy;
            }

            ConfigureReceiveRing();
            _port.Write16(ControlRegister.ETXSTL, BufferLayout.TransmitStart);
            _port.Write(ControlRegister.ERXFCON, (byte)_options.Filters);
            ConfigureMac();
            ConfigureMacAddress();
            if (!ConfigureDuplex() || !ConfigurePhyExtras())
            {
                return Enc28j60InitResult.PhyTimeout;
            }

            EnableInterrupts();
            if (!RefreshLinkState())
            {
                return Enc28j60InitResult.PhyTimeout;
            }

            // RXEN last: the ring, filters and MAC address are never changed while receiving (DS §7.2).
            _port.SetBits(ControlRegister.ECON1, RegisterBits.ECON1_RXEN);
            _running = true;
            return Enc28j60InitResult.Success;
        }

        /// <summary>Hardware reset when a pin exists, else errata #19 (leave power save) then SRC; then errata #2's wait.</summary>
        private void ResetChip()
        {
            if (_resetPin != null)
            {
                _resetPin.Pulse();
            }
            else
            {
                _port.ClearBits(ControlRegister.ECON2, RegisterBits.ECON2_PWRSV);
                _clock.Delay(PowerSaveExitMicroseconds);
                _port.SystemReset();
            }

            _clock.Delay(ResetSettleMicroseconds);

            // Bank 0, RXEN off, nothing pending; written rather than assumed in case the reset was not taken.
            _port.ForgetBank();
            _port.Write(ControlRegister.ECON1, 0);
            _port.BankIsZeroAfterReset();
            _port.SetBits(ControlRegister.ECON2, RegisterBits.ECON2_AUTOINC);
        }

        /// <summary>Bounded poll of ESTAT: CLKRDY = 1 and the unimplemented bit 3 = 0 (a floating MISO reads 1s).</summary>
        private bool WaitForClockReady()
        {
            for (int poll = 0; poll < ClockReadyPolls; poll++)
            {
                if (IsClockReady(_port.Read(ControlRegister.ESTAT)))
                {
                    return true;
                }

                _clock.Delay(ClockReadyPollMicroseconds);
            }

            return false;
        }

        private static bool IsClockReady(byte estat)
        {
            return (estat & RegisterBits.ESTAT_CLKRDY) != 0 && (estat & RegisterBits.ESTAT_UNIMPLEMENTED) == 0;
        }

        private Enc28j60InitResult VerifyPhyIdentity()
        {
            if (!_mii.TryRead(PhyRegister.PHID1, out ushort id1) || !_mii.TryRead(PhyRegister.PHID2, out ushort id2))
            {
                return Enc28j60InitResult.PhyTimeout;
            }

            return id1 == PhyRegister.PHID1_Expected && id2 == PhyRegister.PHID2_Expected
                ? Enc28j60InitResult.Success
                : Enc28j60InitResult.NoDevice;
        }

        /// <summary>
        /// ERXST = 0 (errata #5), ERXND odd, ERXRDPT = ERXND (ring empty, odd: errata #14), ERDPT = next = ERXST.
        /// Only called while RXEN = 0.
        /// </summary>
        private void ConfigureReceiveRing()
        {
            _port.Write16(ControlRegister.ERXSTL, BufferLayout.ReceiveStart);
            _port.Write16(ControlRegister.ERXNDL, BufferLayout.ReceiveEnd);
            _port.Write16(ControlRegister.ERXRDPTL, BufferLayout.ReadPointerFor(BufferLayout.ReceiveStart));
            _port.Write16(ControlRegister.ERDPTL, BufferLayout.ReceiveStart);
            _readPointer = BufferLayout.ReceiveStart;
            _nextPacket = BufferLayout.ReceiveStart;
            _uncommittedBytes = 0;
            _headerPrefetched = false;
            _pendingPackets = 0;
        }

        /// <summary>MAC receive enable with pause frames, padding + CRC + length check, 1518-byte frames, IPG.</summary>
        private void ConfigureMac()
        {
            _port.Write(ControlRegister.MACON1,
                RegisterBits.MACON1_MARXEN | RegisterBits.MACON1_TXPAUS | RegisterBits.MACON1_RXPAUS);
            _port.Write16(ControlRegister.MAMXFLL, BufferLayout.MaxFrameLengthWithFcs);
            _port.Write(ControlRegister.MAIPGL, RegisterBits.MAIPGL_Value);
        }

        /// <summary>MAADR1…6 at bank-3 addresses 0x04, 0x05, 0x02, 0x03, 0x00, 0x01 (§2.4).</summary>
        private void ConfigureMacAddress()
        {
            _port.Write(ControlRegister.MAADR1, _macAddress[0]);
            _port.Write(ControlRegister.MAADR2, _macAddress[1]);
            _port.Write(ControlRegister.MAADR3, _macAddress[2]);
            _port.Write(ControlRegister.MAADR4, _macAddress[3]);
            _port.Write(ControlRegister.MAADR5, _macAddress[4]);
            _port.Write(ControlRegister.MAADR6, _macAddress[5]);
        }

        /// <summary>
        /// MACON3.FULDPX, MABBIPG and PHCON1.PDPXMD always written together (§3: they must agree; the PHY does not
        /// auto-negotiate). Half duplex adds MACON4.DEFER, MAIPGH and PHCON2.HDLDIS (errata #9).
        /// </summary>
        private bool ConfigureDuplex()
        {
            bool full = _options.FullDuplex;
            _port.Write(ControlRegister.MACON3, ConfiguredMacon3());
            _port.Write(ControlRegister.MABBIPG, full ? RegisterBits.MABBIPG_FullDuplex : RegisterBits.MABBIPG_HalfDuplex);
            _port.Write(ControlRegister.MACON4, full ? (byte)0 : RegisterBits.MACON4_DEFER);
            if (!full)
            {
                _port.Write(ControlRegister.MAIPGH, RegisterBits.MAIPGH_HalfDuplex);
            }

            return _mii.TryWrite(PhyRegister.PHCON1, full ? PhyRegister.PHCON1_PDPXMD : (ushort)0)
                && _mii.TryWrite(PhyRegister.PHCON2, full ? (ushort)0 : PhyRegister.PHCON2_HDLDIS);
        }

        /// <summary>LEDs and the PHY link-change interrupt (PHIE must be written or LINKIF never fires, rt-thread#1407).</summary>
        private bool ConfigurePhyExtras()
        {
            return _mii.TryWrite(PhyRegister.PHLCON, _options.LedConfiguration)
                && _mii.TryWrite(PhyRegister.PHIE, PhyRegister.PHIE_LinkInterrupts);
        }

        /// <summary>Clears stale flags and enables INT for packets, link changes, TX errors and RX overflow.</summary>
        private void EnableInterrupts()
        {
            _port.ClearBits(ControlRegister.EIR, RegisterBits.EIR_Clearable);
            _port.ClearBits(ControlRegister.ESTAT,
                RegisterBits.ESTAT_TXABRT | RegisterBits.ESTAT_LATECOL | RegisterBits.ESTAT_BUFER);

            // EIE enable bits sit at the positions of the EIR flags they enable (§2.5).
            _port.Write(ControlRegister.EIE, RegisterBits.EIE_INTIE | EnabledInterruptFlags);
        }

        /// <summary>Resets the driver's view of the chip: nothing pending, every cached pointer unknown.</summary>
        private void ForgetChipState()
        {
            _pendingPackets = 0;
            _headerPrefetched = false;
            _consecutiveReceiveResets = 0;
            _readPointer = UnknownPointer;
            _writePointer = UnknownPointer;
            _transmitEnd = UnknownPointer;
            if (_transmitPending)
            {
                // The frame in flight dies with the reset.
                FailTransmission();
            }
        }

        /// <summary>
        /// Health check: the clock is ready, the SPI link answers sanely, RXEN is still set and MACON3 still holds
        /// our configuration (a brown-out or glitch resets the chip silently: arduino_uip#167, esp-idf#9092).
        /// </summary>
        private bool ChipLooksHealthy()
        {
            return IsClockReady(_port.Read(ControlRegister.ESTAT))
                && (_port.Read(ControlRegister.ECON1) & RegisterBits.ECON1_RXEN) != 0
                && _port.Read(ControlRegister.MACON3) == ConfiguredMacon3();
        }

        private byte ConfiguredMacon3()
        {
            byte macon3 = RegisterBits.MACON3_PADCFG0 | RegisterBits.MACON3_TXCRCEN | RegisterBits.MACON3_FRMLNEN;
            return _options.FullDuplex ? (byte)(macon3 | RegisterBits.MACON3_FULDPX) : macon3;
        }

        /// <summary>
        /// Reads MAADR1…MAADR6 back from the chip (MAC registers: the dummy byte is skipped) into
        /// <paramref name="destination"/>, first byte on the wire first. A diagnostic; allocates nothing.
        /// </summary>
        /// <param name="destination">At least 6 bytes from <paramref name="offset"/>.</param>
        /// <param name="offset">Where the first byte goes.</param>
        public void ReadMacAddress(byte[] destination, int offset)
        {
            if (!IsValidRange(destination, offset, 6))
            {
                return;
            }

            destination[offset] = _port.Read(ControlRegister.MAADR1);
            destination[offset + 1] = _port.Read(ControlRegister.MAADR2);
            destination[offset + 2] = _port.Read(ControlRegister.MAADR3);
            destination[offset + 3] = _port.Read(ControlRegister.MAADR4);
            destination[offset + 4] = _port.Read(ControlRegister.MAADR5);
            destination[offset + 5] = _port.Read(ControlRegister.MAADR6);
        }
    }
}
