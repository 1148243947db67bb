import { render } from 'preact';
import '@/components/theme.css';
import '@/components/links.css';
import { App } from './App';
import { t } from '@/utils/i18n';
import { followTheme } from '@/utils/theme';

// The manifest's __MSG_…__ placeholders are not substituted in HTML, so the title comes from the catalogue.
document.title = t('extName');
// Before the first render, so a page in the dark theme never paints light first.
followTheme();

render(<App />, document.getElementById('app')!);
