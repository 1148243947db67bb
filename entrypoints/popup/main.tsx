import { render } from 'preact';
import '@/components/theme.css';
import '@/components/links.css';
import { App } from './App';
import { readFirstPaint } from './use-popup-state';
import { t } from '@/utils/i18n';
import { followTheme } from '@/utils/theme';

// The manifest's __MSG_…__ placeholders are not substituted in HTML, so the title comes from the catalogue.
document.title = t('extName');
// Before the first render, so a page in the dark theme never paints light first.
followTheme();

// The stored session and the list's head are read before the first render, so that render is the list itself
// rather than an empty frame followed by the reads.
void readFirstPaint().then((first) => render(<App first={first} />, document.getElementById('app')!));
