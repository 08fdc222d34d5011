namespace NanoTcp.Enc28j60.Emulation
{
    // Control register file: read composition, write masks and write side effects (ENC28J60 facts §2, §11.1, §11.2).
    public sealed partial class Enc28j60Chip
    {
        private byte _erxrdptLowLatch;
        private long _clockReadyAtNs;        // MAC/MII/PHY usable and CLKRDY = 1 from here (OST, PWRSV exit, SRC)
        private long _writesIgnoredUntilNs;  // errata #2: register writes lost this long after SRC
        private long _srcBlockedUntilNs;     // errata #19: SRC ignored until the regulator is back

        private bool PowerSave => (_regs[Reg.ECON2] & Bits.ECON2_PWRSV) != 0;

        private bool ClockReady => !PowerSave && _nowNs >= _clockReadyAtNs;

        private byte ReadRegisterValue(int key)
        {
            switch (key)
            {
                case Reg.EIR:
                    return ComputeEir();
                case Reg.ESTAT:
                    return ComputeEstat();
                case Reg.MISTAT:
                    return ComputeMistat();
                case Reg.EFLOCON:
                    return (byte)((_regs[key] & 0x03) | ((_regs[Reg.MACON3] & Bits.MACON3_FULDPX) != 0 ? Bits.EFLOCON_FULDPXS : 0));
                default:
                    return _regs[key];
            }
        }

        private byte ReadRegisterForHost(int key)
        {
            byte value = ReadRegisterValue(key);
            if (!Reg.IsMacMii(key))
            {
                return value;
            }

            if (!ClockReady)
            {
                Violation("read of MAC/MII register " + Reg.Name(key) + " before the clock is ready (OST/PWRSV/SRC; §1.3: poll CLKRDY, wait after reset)");
                return 0x00;
            }

            if ((key == Reg.MIRDL || key == Reg.MIRDH) && MiiBusyForHost)
            {
                Violation("read of " + Reg.Name(key) + " while MISTAT.BUSY (§3 MII read step 3/5)");
            }

            return CorruptIfErratum1(value);
        }

        private void WriteRegisterFromHost(int key, byte value, bool wholeByteWrite)
        {
            if (_nowNs < _writesIgnoredUntilNs)
            {
                Violation("write to " + Reg.Name(key) + " within 1 ms of SRC is lost (errata #2: CLKRDY is set early, wait ≥ 1 ms)");
                return;
            }

            if (Reg.IsMacMii(key) && !ClockReady)
            {
                Violation("write to MAC/MII register " + Reg.Name(key) + " before the clock is ready (OST/PWRSV/SRC; §1.3)");
                return;
            }

            if (Reg.IsMacMii(key))
            {
                value = CorruptIfErratum1(value);
            }

            CheckWriteRules(key);
            if (key == Reg.ERXRDPTL)
            {
                _erxrdptLowLatch = value; // buffered until ERXRDPTH is written (§4.3)
                return;
            }

            byte old = _regs[key];
            byte mask = _writeMasks[key];
            _regs[key] = (byte)((old & ~mask) | (value & mask));
            AfterWrite(key, old, _regs[key]);
        }

        /// <summary>Strict checks that depend only on which register is written (§11.1, §11.2, §11.4, §11.5).</summary>
        private void CheckWriteRules(int key)
        {
            bool rxEnabled = (_regs[Reg.ECON1] & Bits.ECON1_RXEN) != 0;
            if (rxEnabled && ((key >= Reg.ERXSTL && key <= Reg.ERXNDH) || key == Reg.ERXFCON || (key >= Reg.MAADR5 && key <= Reg.MAADR2)))
            {
                Violation(Reg.Name(key) + " written while ECON1.RXEN = 1 (§2.5/§4.3: clear RXEN first)");
            }

            if (TxRequestPending && key >= Reg.ETXSTL && key <= Reg.ETXNDH)
            {
                Violation(Reg.Name(key) + " written while ECON1.TXRTS = 1 (§6.2 step 6)");
            }

            if (TxRequestPending && IsTransmitConfiguration(key))
            {
                Violation(Reg.Name(key) + " (transmit configuration) written while ECON1.TXRTS = 1 (DS §7.1, Table 7-2)");
            }

            if ((key == Reg.MIREGADR || key == Reg.MIWRL || key == Reg.MIWRH || key == Reg.MICMD) && MiiBusyForHost)
            {
                Violation(Reg.Name(key) + " written while MISTAT.BUSY (§3 MII procedure)");
            }
        }

        /// <summary>MAC registers that shape a transmission (DS Table 7-2) and must not change during one.</summary>
        private static bool IsTransmitConfiguration(int key)
        {
            return key == Reg.MACON3 || key == Reg.MACON4 || key == Reg.MABBIPG || key == Reg.MAIPGL
                || key == Reg.MAIPGH || key == Reg.MACLCON1 || key == Reg.MACLCON2 || key == Reg.MAMXFLL || key == Reg.MAMXFLH;
        }

        private void AfterWrite(int key, byte old, byte now)
        {
            switch (key)
            {
                case Reg.ERXRDPTH:
                    CommitErxrdpt();
                    break;
                case Reg.ERXSTL:
                case Reg.ERXSTH:
                case Reg.ERXNDL:
                case Reg.ERXNDH:
                    ReloadReceiveWritePointer(key == Reg.ERXSTL || key == Reg.ERXSTH);
                    break;
                case Reg.ECON1:
                    OnEcon1Changed(old, now);
                    break;
                case Reg.ECON2:
                    OnEcon2Changed(old, now);
                    break;
                case Reg.MICMD:
                    OnMicmdChanged(old, now);
                    break;
                case Reg.MIWRH:
                    StartMiiWrite();
                    break;
            }
        }

        private void CommitErxrdpt()
        {
            _regs[Reg.ERXRDPTL] = _erxrdptLowLatch;
            int value = Pointer(Reg.ERXRDPTL);
            int start = Pointer(Reg.ERXSTL);
            int end = Pointer(Reg.ERXNDL);
            if ((value & 1) == 0)
            {
                Violation("ERXRDPT committed even (0x" + value.ToString("X4") + "; errata #14: write next − 1 or ERXND)");
            }

            if (value < start || value > end)
            {
                Violation("ERXRDPT committed outside the ring (0x" + value.ToString("X4") + " not in [0x" + start.ToString("X4") + ", 0x" + end.ToString("X4") + "]; §5.2 step 6, EtherCard#182)");
            }
        }

        private void ReloadReceiveWritePointer(bool startWritten)
        {
            // §4.3: writing ERXST loads the internal write pointer with ERXST; errata #5: writing ERXST or ERXND may
            // load 0x0000 instead (modelled as always).
            if (_options.Erratum5RxWritePointerZero)
            {
                LoadReceiveWritePointer(0);
            }
            else if (startWritten)
            {
                LoadReceiveWritePointer(Pointer(Reg.ERXSTL));
            }
        }

        private void OnEcon2Changed(byte old, byte now)
        {
            if ((now & Bits.ECON2_PKTDEC) != 0)
            {
                _regs[Reg.ECON2] = (byte)(now & ~Bits.ECON2_PKTDEC); // self-clearing, reads 0
                DecrementPacketCount();
            }

            bool wasSaving = (old & Bits.ECON2_PWRSV) != 0;
            bool saving = (now & Bits.ECON2_PWRSV) != 0;
            if (wasSaving && !saving)
            {
                _clockReadyAtNs = _nowNs + OscillatorStartUpNs;
                _srcBlockedUntilNs = _nowNs + OscillatorStartUpNs;
            }
            else if (!wasSaving && saving)
            {
                EnterPowerSave();
            }
        }

        private void OnEcon1Changed(byte old, byte now)
        {
            byte rose = (byte)(now & ~old);
            byte fell = (byte)(old & ~now);
            if ((rose & Bits.ECON1_TXRST) != 0)
            {
                ResetTransmitLogic();
            }

            if ((fell & Bits.ECON1_TXRST) != 0)
            {
                ReleaseTransmitReset();
            }

            if ((rose & Bits.ECON1_RXRST) != 0)
            {
                ResetReceiveLogic();
            }

            if ((rose & Bits.ECON1_RXEN) != 0)
            {
                CheckReceiveEnable();
            }

            if ((rose & Bits.ECON1_DMAST) != 0)
            {
                StartDma();
            }
            else if ((fell & Bits.ECON1_DMAST) != 0)
            {
                CancelDma();
            }

            if ((rose & Bits.ECON1_TXRTS) != 0 && TxRequestPending)
            {
                RequestTransmit(); // unless a TXRST in the same write already dropped it
            }
            else if ((fell & Bits.ECON1_TXRTS) != 0)
            {
                CancelTransmit();
            }
        }

        private int Pointer(int lowKey)
        {
            return _regs[lowKey] | ((_regs[lowKey + 1] & 0x1F) << 8);
        }

        private void SetPointer(int lowKey, int value)
        {
            _regs[lowKey] = (byte)value;
            _regs[lowKey + 1] = (byte)((value >> 8) & 0x1F);
        }

        private int Word(int lowKey)
        {
            return _regs[lowKey] | (_regs[lowKey + 1] << 8);
        }

        private byte CorruptIfErratum1(byte value)
        {
            bool slowOldSilicon = _options.Erratum1SlowSpiCorruptsMacRegisters && _options.SpiClockHz < 8_000_000
                && !_options.SpiClockSynchronousToChip
                && (_options.Revision == Enc28j60Revision.B1 || _options.Revision == Enc28j60Revision.B4);
            if (slowOldSilicon && Chance(0.5))
            {
                return (byte)(value ^ (1 << _random.Next(8)));
            }

            return value;
        }
    }
}
