/** Every command finds the content, working and output folders the same way, from one place. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectFolders, workFolders } from '../../src/pipeline/folders.ts';

describe('projectFolders', () => {
  it('defaults to content/, .trove/ and dist/ in the project, with the cache and site data in the working folder', () => {
    expect(projectFolders({}, '/project')).toEqual({
      content: '/project/content',
      work: '/project/.trove',
      out: '/project/dist',
      cache: '/project/.trove/cache',
      siteData: '/project/.trove/site',
    });
  });

  it('follows TROVE_CONTENT, TROVE_WORK and TROVE_OUT, relative to the project or absolute', () => {
    const folders = projectFolders({ TROVE_CONTENT: '../elsewhere/content', TROVE_WORK: '/tmp/w', TROVE_OUT: 'site' }, '/project');
    expect(folders).toMatchObject({ content: '/elsewhere/content', work: '/tmp/w', out: '/project/site', cache: '/tmp/w/cache', siteData: '/tmp/w/site' });
  });

  it('takes a variable set to nothing as unset, so an empty TROVE_OUT never names the project itself', () => {
    expect(projectFolders({ TROVE_OUT: '', TROVE_WORK: ' ' }, '/project')).toMatchObject({ out: '/project/dist', work: '/project/.trove' });
  });
});

describe('workFolders', () => {
  it('puts the cache and site data inside the working folder, as absolute paths', () => {
    expect(workFolders('w')).toEqual({ work: path.resolve('w'), cache: path.resolve('w/cache'), siteData: path.resolve('w/site') });
  });
});
