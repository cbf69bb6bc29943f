// Settings: every control saves through `settings.set` as soon as it changes and shows the core's
// answer next to itself. Values come from the core, never from local state alone.
import * as Switch from '@radix-ui/react-switch'
import { Cpu, Gauge, Monitor, Moon, Sparkles, Sun } from 'lucide-react'
import type { ReactNode } from 'react'
import type { Settings } from '../../../shared/rpc/contract'
import { ScreenHeader } from '../components/screen-header'
import { useSettings } from '../rpc/use-settings'
import { AboutBox } from './about-box'
import { ChoiceGroup, type Choice } from './choice-group'
import { ConcurrencyField } from './concurrency-field'
import { ServerUrlField } from './server-url-field'
import { SettingRow } from './setting-row'
import { useSettingSaver } from './use-setting-saver'

const themeChoices: Choice<Settings['theme']>[] = [
  { value: 'dark', label: 'Dark', description: 'Easy on the eyes while editing', icon: Moon },
  { value: 'light', label: 'Light', description: 'Bright, for daylight rooms', icon: Sun },
  { value: 'system', label: 'System', description: 'Follow the operating system', icon: Monitor },
]

const encoderChoices: Choice<Settings['encoder']>[] = [
  {
    value: 'auto',
    label: 'Automatic',
    description: 'WebCodecs when available, else ffmpeg.wasm',
    icon: Sparkles,
  },
  { value: 'webcodecs', label: 'WebCodecs', description: 'Hardware accelerated, fastest', icon: Gauge },
  { value: 'ffmpeg-wasm', label: 'ffmpeg.wasm', description: 'Software, works everywhere', icon: Cpu },
]

export function SettingsScreen() {
  const { settings, loadError } = useSettings()
  const { status, save } = useSettingSaver()

  return (
    <>
      <ScreenHeader title="Settings" subtitle="Changes are saved as you make them." />
      {!settings ? (
        <p className="settings-loading" role="status">
          {loadError ? `Could not load settings: ${loadError}` : 'Loading settings…'}
        </p>
      ) : (
        <div className="settings">
          <Section title="Appearance">
            <SettingRow
              id="theme"
              label="Theme"
              description="Dark suits video work; System follows your computer."
              status={status.theme}
              layout="stacked"
            >
              <ChoiceGroup
                id="theme"
                value={settings.theme}
                choices={themeChoices}
                columns={3}
                onChange={(theme) => void save('theme', theme)}
              />
            </SettingRow>
          </Section>

          <Section title="Server">
            <SettingRow
              id="server-url"
              label="Server address"
              description="The Spool server this studio uploads to and syncs with."
              status={status.serverUrl}
              htmlFor="server-url-input"
              layout="stacked"
            >
              <ServerUrlField
                id="server-url"
                value={settings.serverUrl}
                status={status.serverUrl}
                onSave={(serverUrl) => save('serverUrl', serverUrl)}
              />
            </SettingRow>
          </Section>

          <Section title="Uploads and encoding">
            <SettingRow
              id="concurrency"
              label="Parallel uploads"
              description="How many reels upload at the same time (1–8)."
              status={status.uploadConcurrency}
              htmlFor="concurrency-input"
            >
              <ConcurrencyField
                id="concurrency"
                value={settings.uploadConcurrency}
                status={status.uploadConcurrency}
                onSave={(uploadConcurrency) => save('uploadConcurrency', uploadConcurrency)}
              />
            </SettingRow>
            <SettingRow
              id="encoder"
              label="Encoder"
              description="What turns your edit into the reel’s video renditions."
              status={status.encoder}
              layout="stacked"
            >
              <ChoiceGroup
                id="encoder"
                value={settings.encoder}
                choices={encoderChoices}
                columns={3}
                onChange={(encoder) => void save('encoder', encoder)}
              />
            </SettingRow>
          </Section>

          <Section title="Notifications">
            <SettingRow
              id="notifications"
              label="Desktop notifications"
              description="Tell me when an upload finishes or the server rejects a reel."
              status={status.notifications}
              htmlFor="notifications-switch"
            >
              <Switch.Root
                id="notifications-switch"
                className="switch"
                checked={settings.notifications}
                onCheckedChange={(notifications) => void save('notifications', notifications)}
                aria-describedby="notifications-description notifications-status"
              >
                <Switch.Thumb className="switch-thumb" />
              </Switch.Root>
            </SettingRow>
          </Section>

          <Section title="About">
            <AboutBox />
          </Section>
        </div>
      )}
    </>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <div className="card">{children}</div>
    </section>
  )
}
