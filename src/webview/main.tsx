import '@vscode/codicons/dist/codicon.css';
import './panel.css';
import { render } from 'preact';
import { App } from './ui/App';

render(<App />, document.getElementById('app')!);
