import { loadConfig } from './config';
import { startupProblem } from './startup-problem';

const config = loadConfig({ PORT: '3000', DATA_DIR: '/data/rung', PSEUDONYM_SECRET: 'a'.repeat(64) });
const errno = (code: string, extra: object = {}) => Object.assign(new Error(code), { code, ...extra });

describe('start-up problems a user can fix', () => {
  it('names a port in use and the fix', () => {
    expect(startupProblem(errno('EADDRINUSE'), config)).toBe('port 3000 on 127.0.0.1 is already in use: stop the other process, or set PORT to a free port');
  });

  it('names METRICS_PORT when the metrics port is the one in use', () => {
    const withMetrics = loadConfig({ PORT: '3000', METRICS_PORT: '9464', PSEUDONYM_SECRET: 'a'.repeat(64) });
    expect(startupProblem(errno('EADDRINUSE', { port: 9464 }), withMetrics)).toBe('port 9464 on 127.0.0.1 is already in use: stop the other process, or set METRICS_PORT to a free port');
    expect(startupProblem(errno('EADDRINUSE', { port: 3000 }), withMetrics)).toMatch(/set PORT to a free port$/);
  });

  it('names MongoDB out of reach without showing MONGO_URL', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongooseServerSelectionError' });
    expect(startupProblem(down, config)).toMatch(/^cannot reach MongoDB at MONGO_URL: start it/);
  });

  it('names a DATA_DIR that is a file or not writable', () => {
    expect(startupProblem(errno('ENOTDIR', { path: '/data/rung/keys' }), config)).toMatch(/^cannot use '\/data\/rung\/keys' \(ENOTDIR\): DATA_DIR \(now '\/data\/rung'\)/);
  });

  it('leaves any other error to be shown with its stack', () => {
    expect(startupProblem(new TypeError('x is undefined'), config)).toBeUndefined();
  });
});
